using Dapper;
using Organising.Platform.Data;

namespace Organising.Teams.Training;

/// <summary>
/// A session's places and its waiting list. 'enrolled' rows hold places up to the capacity; 'waiting' rows queue in
/// the order they asked (enrolled_at, then person id). Whenever a place frees up or the capacity rises, the first
/// on the waiting list moves up and is sent reminders.
/// </summary>
internal sealed class Enrolments(DbSession session, SessionReminders reminders, TimeProvider time)
{
    public sealed class Counts
    {
        public int Enrolled { get; init; }
        public int Waiting { get; init; }
    }

    private const string CountsSql = """
        SELECT COALESCE(SUM(CASE WHEN status = 'enrolled' THEN 1 ELSE 0 END), 0) AS Enrolled,
               COALESCE(SUM(CASE WHEN status = 'waiting' THEN 1 ELSE 0 END), 0) AS Waiting
        FROM teams_enrolment WHERE session_id = @sessionId
        """;

    private const string NextWaitingSql = """
        SELECT person_id FROM teams_enrolment WHERE session_id = @sessionId AND status = 'waiting'
        ORDER BY enrolled_at, person_id LIMIT @limit
        """;

    private const string MoveUpSql = "UPDATE teams_enrolment SET status = 'enrolled' WHERE session_id = @sessionId AND person_id = @personId";

    private const string EnrolledSql = "SELECT person_id FROM teams_enrolment WHERE session_id = @sessionId AND status = 'enrolled'";

    private const string WaitingPositionSql = """
        SELECT COUNT(*) FROM teams_enrolment w
        WHERE w.session_id = @sessionId AND w.status = 'waiting'
          AND (w.enrolled_at < @enrolledAt OR (w.enrolled_at = @enrolledAt AND w.person_id <= @personId))
        """;

    public async ValueTask<Counts> CountAsync(Guid sessionId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.QuerySingleAsync<Counts>(new CommandDefinition(CountsSql, new { sessionId }, session.Transaction, cancellationToken: ct));
    }

    /// <summary>Moves people up from the waiting list, in order, into any free places; returns who moved up.</summary>
    public async ValueTask<IReadOnlyList<Guid>> FillPlacesAsync(SessionAccess.SessionRow row, CancellationToken ct)
    {
        if (row.IsCancelled) return [];
        var counts = await CountAsync(row.Id, ct);
        var free = row.Capacity - counts.Enrolled;
        if (free <= 0 || counts.Waiting == 0) return [];
        var connection = await session.ConnectionAsync(ct);
        var moving = (await connection.QueryAsync<Guid>(new CommandDefinition(NextWaitingSql, new { sessionId = row.Id, limit = free },
            session.Transaction, cancellationToken: ct))).ToList();
        foreach (var personId in moving)
        {
            await connection.ExecuteAsync(new CommandDefinition(MoveUpSql, new { sessionId = row.Id, personId }, session.Transaction, cancellationToken: ct));
            if (row.EndsAt > time.GetUtcNow()) await reminders.ScheduleAsync(row, personId, ct);
        }
        return moving;
    }

    /// <summary>Schedules (or moves, or rewrites) every enrolled person's reminders, after the session changed.</summary>
    public async ValueTask RescheduleAsync(SessionAccess.SessionRow row, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var people = await connection.QueryAsync<Guid>(new CommandDefinition(EnrolledSql, new { sessionId = row.Id }, session.Transaction, cancellationToken: ct));
        foreach (var personId in people) await reminders.ScheduleAsync(row, personId, ct);
    }

    /// <summary>1 for the first on the waiting list.</summary>
    public async ValueTask<int> WaitingPositionAsync(Guid sessionId, Guid personId, DateTimeOffset enrolledAt, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(WaitingPositionSql,
            new { sessionId, personId, enrolledAt }, session.Transaction, cancellationToken: ct));
    }
}
