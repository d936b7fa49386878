using Dapper;
using Mediator;
using Organising.Listening.Contracts;
using Organising.Platform.Data;

namespace Organising.Listening.Issues;

/// <summary>
/// The people's agenda as stored, for every viewer alike: the prioritised candidates of all campaigns, most points
/// first, then the earliest prioritised, each with its <see cref="IssueLineage"/>. Kept in the ReadCache until the next
/// write. Pages filter it for the viewer; Contracts' <see cref="GetPeoplesAgenda"/> gives its counts.
/// </summary>
internal sealed class PeoplesAgenda(DbSession session, IssueLineage lineage, ReadCache cache)
{
    public sealed class Issue
    {
        public Guid Id { get; init; }
        public string Title { get; init; } = "";
        public DateTimeOffset? PrioritisedAt { get; init; }
        public int Points { get; init; }
        public IssueLineage.Of Lineage { get; set; } = IssueLineage.Of.Empty;
    }

    private const string Sql = """
        SELECT k.id AS Id, k.title AS Title, k.prioritised_at AS PrioritisedAt,
               (SELECT COALESCE(SUM(v.points), 0) FROM listening_vote v WHERE v.candidate_id = k.id) AS Points
        FROM listening_candidate k
        WHERE k.status = 'prioritised'
        """;

    public ValueTask<IReadOnlyList<Issue>> LoadAsync(CancellationToken ct) =>
        cache.GetOrLoadAsync(session, "listening.agenda", async () =>
        {
            var connection = await session.ConnectionAsync(ct);
            var issues = (await connection.QueryAsync<Issue>(new CommandDefinition(Sql, transaction: session.Transaction, cancellationToken: ct)))
                .OrderByDescending(i => i.Points).ThenBy(i => i.PrioritisedAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.Id).ToList();
            var lineages = await lineage.LoadAsync(issues.Select(i => i.Id).ToList(), ct);
            foreach (var issue in issues) issue.Lineage = lineages[issue.Id];
            return (IReadOnlyList<Issue>)issues;
        });
}

/// <summary>Contracts' <see cref="GetPeoplesAgenda"/>: the agenda's issues with their lineage counts, for other modules.</summary>
internal static class PeoplesAgendaQuery
{
    internal sealed class Handler(PeoplesAgenda agenda) : IQueryHandler<GetPeoplesAgenda, IReadOnlyList<AgendaIssue>>
    {
        public async ValueTask<IReadOnlyList<AgendaIssue>> Handle(GetPeoplesAgenda query, CancellationToken ct) =>
            (await agenda.LoadAsync(ct)).Select(i => new AgendaIssue
            {
                Id = i.Id,
                Title = i.Title,
                ThemeIds = i.Lineage.ThemeIds,
                StoryCount = i.Lineage.StoryCount,
                ConversationCount = i.Lineage.ConversationCount,
                PeopleCount = i.Lineage.PeopleCount,
                NetworkCount = i.Lineage.NetworkCount,
                Points = i.Points,
            }).ToList();
    }
}
