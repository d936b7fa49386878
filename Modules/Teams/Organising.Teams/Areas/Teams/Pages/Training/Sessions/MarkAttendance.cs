using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Training;

using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// Marks who of those enrolled attended a session that has started. Attending records that the person completed the
/// session's module (the earliest completion is kept); un-marking removes the completion this session gave, and
/// falls back to another session of the module they attended, if any.
/// </summary>
public static class MarkAttendance
{
    public sealed class Command : ICommand<Result>
    {
        public Guid SessionId { get; set; }

        /// <summary>The enrolled people who attended; everyone else enrolled is marked as not attended.</summary>
        public List<Guid> Attended { get; set; } = [];
    }

    public sealed record Result(int Attended, int Absent);

    private const string EnrolledSql = "SELECT person_id FROM teams_enrolment WHERE session_id = @sessionId AND status = 'enrolled'";

    private const string MarkSql = """
        UPDATE teams_enrolment SET attended = @attended, marked_at = @now
        WHERE session_id = @sessionId AND person_id = @personId AND status = 'enrolled'
        """;

    private const string CompleteSql = """
        INSERT INTO teams_completion (person_id, module_id, completed_at, session_id, recorded_by)
        VALUES (@personId, @moduleId, @completedAt, @sessionId, @userId)
        ON CONFLICT (person_id, module_id) DO UPDATE SET completed_at = excluded.completed_at, session_id = excluded.session_id, recorded_by = excluded.recorded_by
        WHERE excluded.completed_at < teams_completion.completed_at
        """;

    private const string UncompleteSql = "DELETE FROM teams_completion WHERE person_id = @personId AND module_id = @moduleId AND session_id = @sessionId";

    // Another session of the same module the person attended, earliest first, takes over the completion.
    private const string FallBackSql = """
        INSERT INTO teams_completion (person_id, module_id, completed_at, session_id, recorded_by)
        SELECT e.person_id, s.module_id, s.starts_at, s.id, @userId
        FROM teams_enrolment e JOIN teams_session s ON s.id = e.session_id
        WHERE e.person_id = @personId AND e.attended = 1 AND e.status = 'enrolled' AND s.module_id = @moduleId AND s.id <> @sessionId
        ORDER BY s.starts_at, s.id
        LIMIT 1
        ON CONFLICT (person_id, module_id) DO NOTHING
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, OrganisationTime localTime, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var row = await SessionAccess.LoadManagedAsync(session, scope, command.SessionId, ct, forUpdate: true);
            if (row.IsCancelled) throw new ValidationFailedException("", "This session is cancelled, so attendance cannot be marked.");
            var now = time.GetUtcNow();
            if (row.StartsAt > now)
                throw new ValidationFailedException("", $"This session has not started yet ({TrainingTime.Describe(await localTime.ToLocalAsync(row.StartsAt))}). Attendance can be marked once it has.");

            var connection = await session.ConnectionAsync(ct);
            var enrolled = (await connection.QueryAsync<Guid>(new CommandDefinition(EnrolledSql, new { sessionId = row.Id }, session.Transaction, cancellationToken: ct))).ToList();
            var attended = command.Attended.ToHashSet();
            var userId = scope.UserId?.ToString();
            foreach (var personId in enrolled)
            {
                var came = attended.Contains(personId);
                var args = new { sessionId = row.Id, personId, moduleId = row.ModuleId, attended = came ? 1 : 0, now, completedAt = row.StartsAt, userId };
                await connection.ExecuteAsync(new CommandDefinition(MarkSql, args, session.Transaction, cancellationToken: ct));
                if (came)
                {
                    await connection.ExecuteAsync(new CommandDefinition(CompleteSql, args, session.Transaction, cancellationToken: ct));
                }
                else if (await connection.ExecuteAsync(new CommandDefinition(UncompleteSql, args, session.Transaction, cancellationToken: ct)) > 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(FallBackSql, args, session.Transaction, cancellationToken: ct));
                }
            }
            var count = enrolled.Count(attended.Contains);
            return new Result(count, enrolled.Count - count);
        }
    }
}
