using Dapper;
using Organising.Platform.Data;

namespace Organising.Teams.Training;

/// <summary>
/// Who manages a training session: Organisers and Administrators every session; a Leader the sessions of the teams
/// they lead. A session with no team belongs to the whole organisation, so only Organisers manage it.
/// Everyone who may view training sees every session and may enrol themselves.
/// </summary>
internal static class SessionAccess
{
    public static async ValueTask<bool> ManagesAsync(TeamScope scope, Guid? teamId, CancellationToken ct) =>
        scope.SeesAllTeams || (teamId is { } id && await scope.ManagesAsync(id, ct));

    public sealed class SessionRow
    {
        public Guid Id { get; init; }
        public Guid ModuleId { get; init; }
        public string ModuleName { get; init; } = "";
        public Guid? TeamId { get; init; }
        public string? TeamName { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string? Place { get; init; }
        public string? OnlineLink { get; init; }
        public string? Trainer { get; init; }
        public int Capacity { get; init; }
        public string Status { get; init; } = "";
        public bool IsCancelled => Status == "cancelled";
    }

    private const string SessionSql = """
        SELECT s.id AS Id, s.module_id AS ModuleId, m.name AS ModuleName, s.team_id AS TeamId, t.name AS TeamName,
               s.starts_at AS StartsAt, s.ends_at AS EndsAt, s.place AS Place, s.online_link AS OnlineLink, s.trainer AS Trainer,
               s.capacity AS Capacity, s.status AS Status
        FROM teams_session s
        JOIN teams_curriculum_module m ON m.id = s.module_id
        LEFT JOIN teams_team t ON t.id = s.team_id
        WHERE s.id = @sessionId
        """;

    // A no-op write that takes the session's row lock (PostgreSQL) so enrolments on one session queue behind each other;
    // SQLite's write transactions are serial already.
    private const string LockSql = "UPDATE teams_session SET capacity = capacity WHERE id = @sessionId";

    public static async ValueTask<SessionRow?> LoadAsync(DbSession session, Guid sessionId, CancellationToken ct, bool forUpdate = false)
    {
        var connection = await session.ConnectionAsync(ct);
        if (forUpdate) await connection.ExecuteAsync(new CommandDefinition(LockSql, new { sessionId }, session.Transaction, cancellationToken: ct));
        return await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(SessionSql, new { sessionId }, session.Transaction, cancellationToken: ct));
    }

    /// <summary>The session when the user manages it; otherwise <see cref="SessionNotFoundException"/> (a page answers 404).</summary>
    public static async ValueTask<SessionRow> LoadManagedAsync(DbSession session, TeamScope scope, Guid sessionId, CancellationToken ct, bool forUpdate = false)
    {
        var row = await LoadAsync(session, sessionId, ct, forUpdate);
        if (row is null || !await ManagesAsync(scope, row.TeamId, ct)) throw new SessionNotFoundException();
        return row;
    }
}

/// <summary>The session does not exist, or the user may not change it: pages answer "not found", never its data.</summary>
internal sealed class SessionNotFoundException() : Exception("That training session does not exist or is not yours to manage.");
