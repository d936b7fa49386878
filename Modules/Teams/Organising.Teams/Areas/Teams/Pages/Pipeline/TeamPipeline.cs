using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>
/// What the board and the list share: a team's recruits at their current stage (one query on ix_teams_recruit_stage)
/// with their names (one GetPeopleByIds batch), and the team's name and what the user may do with it.
/// </summary>
internal static class TeamPipeline
{
    public sealed class Recruit
    {
        public Guid Id { get; init; }
        public Guid PersonId { get; init; }
        public string Stage { get; init; } = "";
        public DateTimeOffset StageSince { get; init; }
        public string Name { get; set; } = "";
    }

    public sealed record Team(Guid Id, string Name, bool CanManage);

    private const string TeamSql = "SELECT name FROM teams_team WHERE id = @teamId";

    private const string RecruitsSql = """
        SELECT r.id AS Id, r.person_id AS PersonId, r.stage AS Stage, r.stage_since AS StageSince
        FROM teams_recruit r WHERE r.team_id = @teamId
        ORDER BY r.stage, r.stage_since, r.id
        """;

    /// <summary>The team, when the user may see its members (members view; those who manage it change it).</summary>
    public static async ValueTask<Team?> TeamAsync(DbSession session, TeamScope scope, Guid teamId, CancellationToken ct)
    {
        if (!await scope.SeesMembersAsync(teamId, ct)) return null;
        var connection = await session.ConnectionAsync(ct);
        var name = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TeamSql, new { teamId }, session.Transaction, cancellationToken: ct));
        return name is null ? null : new Team(teamId, name, await scope.ManagesAsync(teamId, ct));
    }

    public static async ValueTask<List<Recruit>> RecruitsAsync(DbSession session, ISender sender, Guid teamId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var recruits = (await connection.QueryAsync<Recruit>(new CommandDefinition(RecruitsSql, new { teamId }, session.Transaction, cancellationToken: ct))).ToList();
        if (recruits.Count == 0) return recruits;
        var names = (await sender.Send(new GetPeopleByIds(recruits.Select(r => r.PersonId).ToList()), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
        foreach (var recruit in recruits) recruit.Name = names.GetValueOrDefault(recruit.PersonId) ?? "Unknown person";
        return recruits;
    }
}
