using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training;

/// <summary>
/// Training sessions still to come (soonest first) or past (latest first), with places taken and the waiting list.
/// Every session is listed for everyone who may view training: sessions are open to all to enrol in.
/// </summary>
public static class FindSessions
{
    /// <summary>PageSize null means every row (the CSV export).</summary>
    public sealed record Query(bool Past, Guid? ModuleId, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string ModuleName { get; init; } = "";
        public string? TeamName { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string? Place { get; init; }
        public string? OnlineLink { get; init; }
        public string? Trainer { get; init; }
        public int Capacity { get; init; }
        public string Status { get; init; } = "";
        public int Enrolled { get; init; }
        public int Waiting { get; init; }
        /// <summary>The current user's own enrolment: enrolled, waiting, withdrawn or null.</summary>
        public string? MyStatus { get; init; }
    }

    public sealed class ModuleOption
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <summary><paramref name="AnySessions"/> tells a first run from a view that is empty.</summary>
    public sealed record Result(Paged<Row> Sessions, IReadOnlyList<ModuleOption> Modules, bool AnySessions);

    private const string Filter = """
        WHERE (@moduleId IS NULL OR s.module_id = @moduleId)
          AND ((@past = 0 AND s.ends_at > @now) OR (@past = 1 AND s.ends_at <= @now))
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM teams_session s {Filter}";

    private const string PageSql = $"""
        SELECT s.id AS Id, m.name AS ModuleName, t.name AS TeamName, s.starts_at AS StartsAt, s.ends_at AS EndsAt, s.place AS Place,
               s.online_link AS OnlineLink, s.trainer AS Trainer, s.capacity AS Capacity, s.status AS Status,
               (SELECT COUNT(*) FROM teams_enrolment e WHERE e.session_id = s.id AND e.status = 'enrolled') AS Enrolled,
               (SELECT COUNT(*) FROM teams_enrolment e WHERE e.session_id = s.id AND e.status = 'waiting') AS Waiting,
               (SELECT e.status FROM teams_enrolment e WHERE e.session_id = s.id AND e.person_id = @me) AS MyStatus
        FROM (SELECT * FROM teams_session s {Filter} {Order} LIMIT @limit OFFSET @offset) AS s
        JOIN teams_curriculum_module m ON m.id = s.module_id
        LEFT JOIN teams_team t ON t.id = s.team_id
        {Order}
        """;

    // The page is chosen first, so the enrolment counts are worked out for its rows only, not for every session sorted.
    private const string Order = "ORDER BY CASE WHEN @past = 1 THEN '' ELSE s.starts_at END, s.starts_at DESC, s.id";

    private const string ModulesSql = """
        SELECT id AS Id, name AS Name FROM teams_curriculum_module
        WHERE archived_at IS NULL OR id IN (SELECT module_id FROM teams_session)
        ORDER BY position, lower(name), id
        """;

    private const string AnySql = "SELECT COUNT(*) FROM (SELECT 1 FROM teams_session LIMIT 1) AS one";

    internal sealed class Handler(DbSession session, TeamScope scope, TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var parameters = new DynamicParameters(new
            {
                past = query.Past ? 1 : 0,
                now = time.GetUtcNow(),
                limit = size,
                offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            });
            parameters.Add("moduleId", query.ModuleId?.ToString(), System.Data.DbType.String);
            parameters.Add("me", (await scope.PersonIdAsync(ct))?.ToString(), System.Data.DbType.String);
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            var modules = (await connection.QueryAsync<ModuleOption>(new CommandDefinition(ModulesSql, transaction: session.Transaction, cancellationToken: ct))).ToList();
            var any = total > 0 || await connection.ExecuteScalarAsync<int>(new CommandDefinition(AnySql, transaction: session.Transaction, cancellationToken: ct)) > 0;
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), modules, any);
        }
    }
}
