using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Settings;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// The candidate page: the issues raised it is cut from, the stories behind them (with their consent; the page is for
/// those who manage the campaign, who may read them), its lineage, scores, votes, and the voters that may be chosen.
/// Null when the user does not manage its campaign.
/// </summary>
public static class GetCandidate
{
    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed class Raised
    {
        public Guid Id { get; init; }
        public string Text { get; init; } = "";
        public Guid EventId { get; init; }
        public string EventType { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string HeldOn { get; set; } = "";
        public IReadOnlyList<string> Themes { get; set; } = [];
    }

    public sealed record Story(Guid Id, Guid EventId, string Kind, string Consent, string Text, string? Teller);

    public sealed class Score
    {
        public string Criterion { get; init; } = "";
        public int Value { get; init; }
        public string? Note { get; init; }
    }

    public sealed class Vote
    {
        public string VoterKind { get; init; } = "";
        public Guid VoterId { get; init; }
        public string VoterName { get; init; } = "";
        public int Points { get; init; }

        public string Voter => $"{VoterKind}:{VoterId}";
    }

    public sealed record VoterOption(string Value, string Name, string Group);

    public sealed record Head(Guid Id, Guid CampaignId, string CampaignName, string Title, string? Problem, string Status);

    /// <summary>The lineage's counts (see IssueLineage for what each counts).</summary>
    public sealed record Counts(int Stories, int Conversations, int People, int Networks);

    public sealed record Details(
        Head Candidate, IReadOnlyList<Raised> Raised, IReadOnlyList<Story> Stories, Counts Lineage,
        IReadOnlyList<string> ThemeNames, IReadOnlyList<Score> Scores, IReadOnlyList<Vote> Votes, IReadOnlyList<VoterOption> Voters)
    {
        public int TotalScore => Scores.Sum(s => s.Value);
        public int TotalPoints => Votes.Sum(v => v.Points);
        public Score? ScoreOf(string criterion) => Scores.FirstOrDefault(s => s.Criterion == criterion);
    }

    private const string RaisedSql = """
        SELECT r.id AS Id, r.text AS Text, e.id AS EventId, e.type AS EventType, e.held_at AS HeldAt
        FROM listening_candidate_raised cr JOIN listening_raised r ON r.id = cr.raised_id JOIN listening_event e ON e.id = r.event_id
        WHERE cr.candidate_id = @id
        ORDER BY e.held_at, r.position, r.id
        """;

    private const string ScoresSql = "SELECT criterion AS Criterion, score AS Value, note AS Note FROM listening_candidate_score WHERE candidate_id = @id";

    private const string VotesSql = """
        SELECT voter_kind AS VoterKind, voter_id AS VoterId, voter_name AS VoterName, points AS Points
        FROM listening_vote WHERE candidate_id = @id ORDER BY points DESC, lower(voter_name)
        """;

    internal sealed class Handler(DbSession session, CandidateAccess access, IssueLineage lineage, ThemeNames themes, ISender sender, OrganisationTime time)
        : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            if (await access.FindAsync(query.Id, ct) is not { } candidate) return null;
            var connection = await session.ConnectionAsync(ct);
            var args = new { id = candidate.Id };
            var raised = (await connection.QueryAsync<Raised>(new CommandDefinition(RaisedSql, args, session.Transaction, cancellationToken: ct))).ToList();
            var raisedThemes = await themes.OfRaisedAsync(raised.Select(r => r.Id).ToList(), ct);
            foreach (var row in raised)
            {
                row.HeldOn = await time.FormatAsync(row.HeldAt, "d MMM yyyy");
                row.Themes = raisedThemes.TryGetValue(row.Id, out var names) ? names : [];
            }
            var of = await lineage.LoadAsync(candidate.Id, ct);
            var tellerIds = of.Stories.Where(s => s.TellerPersonId is not null).Select(s => s.TellerPersonId!.Value).Distinct().ToList();
            var tellers = tellerIds.Count == 0 ? new Dictionary<Guid, string>()
                : (await sender.Send(new GetPeopleByIds(tellerIds), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            var stories = of.Stories.Select(s => new Story(s.Id, s.EventId, s.Kind, s.Consent, s.Text,
                s.TellerPersonId is { } p && tellers.TryGetValue(p, out var name) ? name : s.TellerLabel)).ToList();
            var scores = (await connection.QueryAsync<Score>(new CommandDefinition(ScoresSql, args, session.Transaction, cancellationToken: ct))).ToList();
            var votes = (await connection.QueryAsync<Vote>(new CommandDefinition(VotesSql, args, session.Transaction, cancellationToken: ct))).ToList();
            var voters = (await sender.Send(new ListInstitutions(), ct)).Where(i => i.Membership == "member")
                .Select(i => new VoterOption($"institution:{i.Id}", i.Name, "Member institutions"))
                .Concat((await sender.Send(new ListTeams(), ct)).Select(t => new VoterOption($"team:{t.Id}", t.Name, "Teams")))
                .ToList();
            var themeNames = of.ThemeNames;
            return new Details(new Head(candidate.Id, candidate.CampaignId, candidate.CampaignName, candidate.Title, candidate.Problem, candidate.Status),
                raised, stories, new Counts(of.StoryCount, of.ConversationCount, of.PeopleCount, of.NetworkCount), themeNames, scores, votes, voters);
        }
    }
}
