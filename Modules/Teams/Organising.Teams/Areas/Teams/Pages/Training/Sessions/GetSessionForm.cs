using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Teams.Training;

using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>What the schedule/edit form offers: the current modules and the teams the user may schedule for.</summary>
public static class GetSessionForm
{
    /// <summary>Null when editing a session that does not exist or the user does not manage.</summary>
    public sealed record Query(Guid? SessionId) : IQuery<Result?>;

    public sealed class Option
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    public sealed record Result(IReadOnlyList<Option> Modules, IReadOnlyList<Option> Teams, bool MayChooseNoTeam, SaveSession.Command? Saved, bool IsCancelled);

    private const string ModulesSql = """
        SELECT id AS Id, name AS Name FROM teams_curriculum_module WHERE archived_at IS NULL OR id = @current ORDER BY position, lower(name), id
        """;

    private const string TeamsSql = """
        SELECT id AS Id, name AS Name FROM teams_team t
        WHERE (@all = 1 OR t.id IN (SELECT value FROM json_each(@led)) OR t.id = @current) AND (t.status <> 'closed' OR t.id = @current)
        ORDER BY lower(t.name), t.id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, OrganisationTime time) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            SaveSession.Command? saved = null;
            SessionAccess.SessionRow? row = null;
            if (query.SessionId is { } id)
            {
                row = await SessionAccess.LoadAsync(session, id, ct);
                if (row is null || !await SessionAccess.ManagesAsync(scope, row.TeamId, ct)) return null;
                var start = await time.ToLocalAsync(row.StartsAt);
                var end = await time.ToLocalAsync(row.EndsAt);
                saved = new SaveSession.Command
                {
                    Id = id, ModuleId = row.ModuleId, TeamId = row.TeamId, Date = DateOnly.FromDateTime(start.DateTime),
                    StartTime = TimeOnly.FromDateTime(start.DateTime), EndTime = TimeOnly.FromDateTime(end.DateTime),
                    Place = row.Place, OnlineLink = row.OnlineLink, Trainer = row.Trainer, Capacity = row.Capacity,
                };
            }
            var modules = (await connection.QueryAsync<Option>(new CommandDefinition(ModulesSql, new { current = (row?.ModuleId ?? Guid.Empty).ToString() },
                session.Transaction, cancellationToken: ct))).ToList();
            var teams = (await connection.QueryAsync<Option>(new CommandDefinition(TeamsSql, new
            {
                all = scope.SeesAllTeams ? 1 : 0, led = SqlText.IdList(await scope.LedTeamsAsync(ct)), current = (row?.TeamId ?? Guid.Empty).ToString(),
            }, session.Transaction, cancellationToken: ct))).ToList();
            return new Result(modules, teams, scope.SeesAllTeams, saved, row?.IsCancelled ?? false);
        }
    }
}
