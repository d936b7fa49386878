using Organising.Platform.Web;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Listening.Issues;

/// <summary>
/// What a candidate issue rests on, defined once for the candidate page, the people's agenda and
/// <see cref="Contracts.IssuePrioritised"/>:
/// <list type="bullet">
/// <item>stories: the stories (listening_story) whose raised_id is one of the issues raised linked to the candidate;</item>
/// <item>conversations: the distinct events those issues raised were heard at;</item>
/// <item>people: the sum of those distinct events' headcounts;</item>
/// <item>networks: the distinct networks of those events;</item>
/// <item>themes: the distinct themes of the linked issues raised.</item>
/// </list>
/// It reads rows as stored: whoever shows them decides what the viewer may see (<see cref="ListeningScope"/>, consent).
/// </summary>
internal sealed class IssueLineage(DbSession session)
{
    public sealed class Conversation
    {
        public Guid CandidateId { get; init; }
        public Guid EventId { get; init; }
        public Guid TeamId { get; init; }
        public Guid NetworkId { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public int Headcount { get; init; }
        public Guid? RecordedBy { get; init; }
    }

    public sealed class Story
    {
        public Guid CandidateId { get; init; }
        public Guid Id { get; init; }
        public Guid EventId { get; init; }
        public string Kind { get; init; } = "";
        public string Consent { get; init; } = "";
        public string Text { get; init; } = "";
        public string? TellerLabel { get; init; }
        public Guid? TellerPersonId { get; init; }
    }

    public sealed class Theme
    {
        public Guid CandidateId { get; init; }
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary>One candidate's lineage; the counts are the definitions above.</summary>
    public sealed class Of
    {
        public IReadOnlyList<Conversation> Conversations { get; init; } = [];
        public IReadOnlyList<Story> Stories { get; init; } = [];
        /// <summary>By name, as pages show them.</summary>
        public IReadOnlyList<Theme> Themes { get; init; } = [];

        public IReadOnlyList<Guid> ThemeIds => Themes.Select(t => t.Id).Order().ToList();
        public IReadOnlyList<string> ThemeNames => Themes.Select(t => t.Name).ToList();

        public int StoryCount => Stories.Count;
        public int ConversationCount => Conversations.Count;
        public int PeopleCount => Conversations.Sum(c => c.Headcount);
        public IReadOnlyList<Guid> NetworkIds => Conversations.Select(c => c.NetworkId).Distinct().ToList();
        public int NetworkCount => NetworkIds.Count;

        public static readonly Of Empty = new();
    }

    private const string ConversationsSql = """
        SELECT x.candidate_id AS CandidateId, e.id AS EventId, c.team_id AS TeamId, e.network_id AS NetworkId,
               e.type AS Type, e.held_at AS HeldAt, e.headcount AS Headcount, e.recorded_by AS RecordedBy
        FROM (SELECT DISTINCT cr.candidate_id AS candidate_id, r.event_id AS event_id
              FROM listening_candidate_raised cr JOIN listening_raised r ON r.id = cr.raised_id
              WHERE cr.candidate_id IN (SELECT value FROM json_each(@ids))) AS x
        JOIN listening_event e ON e.id = x.event_id
        JOIN listening_campaign c ON c.id = e.campaign_id
        ORDER BY e.held_at, e.id
        """;

    private const string StoriesSql = """
        SELECT cr.candidate_id AS CandidateId, s.id AS Id, s.event_id AS EventId, s.kind AS Kind, s.consent AS Consent,
               s.text AS Text, s.teller_label AS TellerLabel, s.teller_person_id AS TellerPersonId
        FROM listening_candidate_raised cr JOIN listening_story s ON s.raised_id = cr.raised_id
        WHERE cr.candidate_id IN (SELECT value FROM json_each(@ids))
        ORDER BY s.created_at, s.position, s.id
        """;

    private const string ThemesSql = """
        SELECT DISTINCT cr.candidate_id AS CandidateId, t.id AS Id, t.name AS Name, lower(t.name) AS sort_name
        FROM listening_candidate_raised cr JOIN listening_raised_theme rt ON rt.raised_id = cr.raised_id JOIN listening_theme t ON t.id = rt.theme_id
        WHERE cr.candidate_id IN (SELECT value FROM json_each(@ids))
        ORDER BY sort_name, t.id
        """;

    /// <summary>The lineage of each candidate asked for (an empty one for a candidate with no issues raised linked).</summary>
    public async Task<IReadOnlyDictionary<Guid, Of>> LoadAsync(IReadOnlyCollection<Guid> candidateIds, CancellationToken ct)
    {
        if (candidateIds.Count == 0) return new Dictionary<Guid, Of>();
        var connection = await session.ConnectionAsync(ct);
        var args = new { ids = SqlText.IdList(candidateIds) };
        var conversations = (await connection.QueryAsync<Conversation>(new CommandDefinition(ConversationsSql, args, session.Transaction, cancellationToken: ct)))
            .ToLookup(c => c.CandidateId);
        var stories = (await connection.QueryAsync<Story>(new CommandDefinition(StoriesSql, args, session.Transaction, cancellationToken: ct)))
            .ToLookup(s => s.CandidateId);
        var themes = (await connection.QueryAsync<Theme>(new CommandDefinition(ThemesSql, args, session.Transaction, cancellationToken: ct)))
            .ToLookup(t => t.CandidateId);
        return candidateIds.Distinct().ToDictionary(id => id, id => new Of
        {
            Conversations = conversations[id].ToList(),
            Stories = stories[id].ToList(),
            Themes = themes[id].ToList(),
        });
    }

    public async Task<Of> LoadAsync(Guid candidateId, CancellationToken ct) => (await LoadAsync([candidateId], ct))[candidateId];
}

/// <summary>The one sentence the candidate page and the agenda use for a lineage.</summary>
internal static class LineageText
{
    public static string RestsOn(int stories, int conversations, int people, int networks) =>
        $"Rests on {Words.Count(stories, "story", "stories")} from {Words.Count(conversations, "conversation", "conversations")} with {Words.Count(people, "person", "people")} in {Words.Count(networks, "network", "networks")}.";
}
