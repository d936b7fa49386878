using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// Enrols a person on a session: into a place while there is one (and reminders are scheduled), else onto the
/// waiting list, and the result says where. Anyone who may view training enrols themselves; only those who manage
/// the session enrol others.
/// </summary>
public static class Enrol
{
    /// <param name="PersonId">Null: the current user's own person.</param>
    public sealed record Command(Guid SessionId, Guid? PersonId) : ICommand<Result>;

    /// <param name="Status">"enrolled" or "waiting".</param>
    /// <param name="Position">The place on the waiting list (1 is next), or 0 when enrolled.</param>
    public sealed record Result(Guid PersonId, string PersonName, string Status, int Position, bool WasAlready)
    {
        public bool IsWaiting => Status == "waiting";
    }

    private const string ExistingSql = "SELECT status AS Status, enrolled_at AS EnrolledAt FROM teams_enrolment WHERE session_id = @sessionId AND person_id = @personId";

    private const string UpsertSql = """
        INSERT INTO teams_enrolment (session_id, person_id, status, enrolled_at, attended, marked_at)
        VALUES (@sessionId, @personId, @status, @now, NULL, NULL)
        ON CONFLICT (session_id, person_id) DO UPDATE SET status = excluded.status, enrolled_at = excluded.enrolled_at, attended = NULL, marked_at = NULL
        """;

    private sealed class Existing
    {
        public string Status { get; init; } = "";
        public DateTimeOffset EnrolledAt { get; init; }
    }

    internal sealed class Handler(DbSession session, TeamScope scope, Enrolments enrolments, SessionReminders reminders, ISender sender, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var me = await scope.PersonIdAsync(ct);
            var personId = command.PersonId ?? me
                ?? throw new ValidationFailedException("", "Your account is not linked to a person (no one person has your e-mail address), so you cannot enrol yourself. Ask an organiser.");
            var row = personId == me
                ? await SessionAccess.LoadAsync(session, command.SessionId, ct, forUpdate: true) ?? throw new SessionNotFoundException()
                : await SessionAccess.LoadManagedAsync(session, scope, command.SessionId, ct, forUpdate: true);
            if (row.IsCancelled) throw new ValidationFailedException("", "This session is cancelled.");
            var now = time.GetUtcNow();
            if (row.StartsAt <= now) throw new ValidationFailedException("", "This session has already started, so no one can enrol now.");

            // Yourself, or someone you may see in Networks: an id you could not have found answers as unknown.
            var person = (personId == me
                    ? await sender.Send(new GetPeopleByIds([personId]), ct)
                    : await sender.Send(new GetVisiblePeople([personId]), ct)).FirstOrDefault(p => !p.IsErased)
                ?? throw new ValidationFailedException("", "That person no longer exists.");

            var connection = await session.ConnectionAsync(ct);
            var existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { sessionId = row.Id, personId }, session.Transaction, cancellationToken: ct));
            if (existing is { Status: "enrolled" }) return new Result(personId, person.DisplayName, "enrolled", 0, true);
            if (existing is { Status: "waiting" })
                return new Result(personId, person.DisplayName, "waiting", await enrolments.WaitingPositionAsync(row.Id, personId, existing.EnrolledAt, ct), true);

            var counts = await enrolments.CountAsync(row.Id, ct);
            // A place is free only when nobody is already queueing for it.
            var status = counts.Enrolled < row.Capacity && counts.Waiting == 0 ? "enrolled" : "waiting";
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new { sessionId = row.Id, personId, status, now }, session.Transaction, cancellationToken: ct));
            if (status == "enrolled")
            {
                await reminders.ScheduleAsync(row, personId, ct);
                return new Result(personId, person.DisplayName, status, 0, false);
            }
            return new Result(personId, person.DisplayName, status, await enrolments.WaitingPositionAsync(row.Id, personId, now, ct), false);
        }
    }
}
