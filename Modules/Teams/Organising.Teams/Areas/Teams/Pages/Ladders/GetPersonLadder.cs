using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Teams.Ladders;

using Organising.Teams.Contracts;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>
/// One person's standing and what it rests on. Seen by Organisers, by the person themself, and by the Leaders of a team
/// the person is in; anyone else gets "not found".
/// </summary>
public static class GetPersonLadder
{
    public sealed record Query(Guid PersonId) : IQuery<Result?>;

    public sealed record Result(Guid PersonId, string Name, IReadOnlyList<string> Teams, LadderStanding Standing,
        IReadOnlyList<Completion> Completions, long OneToOnesHeld, IReadOnlyList<Activity> Activities);

    public sealed class Completion
    {
        public string Module { get; init; } = "";
        public bool IsCore { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
    }

    public sealed class Activity
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }

    private const string TeamsSql = """
        SELECT t.id AS TeamId, t.name AS TeamName FROM teams_member m JOIN teams_team t ON t.id = m.team_id
        WHERE m.person_id = @PersonId ORDER BY t.name
        """;

    private const string CompletionsSql = """
        SELECT m.name AS Module, m.is_core AS IsCore, c.completed_at AS CompletedAt
        FROM teams_completion c JOIN teams_curriculum_module m ON m.id = c.module_id
        WHERE c.person_id = @PersonId ORDER BY m.position, m.name
        """;

    private const string HeldSql = "SELECT COUNT(*) FROM teams_one_to_one WHERE held_by = @PersonId";

    private const string ActivitiesSql = "SELECT activity AS Kind, occurred_at AS OccurredAt FROM teams_activity WHERE person_id = @PersonId ORDER BY occurred_at";

    internal sealed class Handler(DbSession session, TeamScope scope, LadderStandings ladders, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Q(string sql) => new(sql, new { query.PersonId }, session.Transaction, cancellationToken: ct);

            var teams = (await connection.QueryAsync<TeamRow>(Q(TeamsSql))).ToList();
            var led = await scope.LedTeamsAsync(ct);
            var isSelf = await scope.PersonIdAsync(ct) == query.PersonId;
            if (!scope.SeesAllTeams && !isSelf && !teams.Any(t => led.Contains(t.TeamId))) return null;
            if ((await sender.Send(new GetPeopleByIds([query.PersonId]), ct)).SingleOrDefault() is not { } person) return null;

            var standing = (await ladders.ForAsync([query.PersonId], ct))[query.PersonId];
            return new Result(query.PersonId, person.DisplayName, teams.Select(t => t.TeamName).ToList(), standing,
                (await connection.QueryAsync<Completion>(Q(CompletionsSql))).ToList(),
                await connection.ExecuteScalarAsync<long>(Q(HeldSql)),
                (await connection.QueryAsync<Activity>(Q(ActivitiesSql))).ToList());
        }
    }

    private sealed class TeamRow
    {
        public Guid TeamId { get; init; }
        public string TeamName { get; init; } = "";
    }
}
