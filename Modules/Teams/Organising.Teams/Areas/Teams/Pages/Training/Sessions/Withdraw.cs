using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// Takes a person off a session (their place or their place in the queue). Their reminders are cancelled, and a
/// freed place goes to the first on the waiting list, who is then reminded.
/// </summary>
public static class Withdraw
{
    /// <param name="PersonId">Null: the current user's own person.</param>
    public sealed record Command(Guid SessionId, Guid? PersonId) : ICommand<Result>;

    public sealed record Result(string PersonName, IReadOnlyList<string> MovedUp);

    private const string Sql = """
        UPDATE teams_enrolment SET status = 'withdrawn', attended = NULL, marked_at = NULL
        WHERE session_id = @sessionId AND person_id = @personId AND status IN ('enrolled', 'waiting')
        """;

    private const string StatusSql = "SELECT status FROM teams_enrolment WHERE session_id = @sessionId AND person_id = @personId";

    internal sealed class Handler(DbSession session, TeamScope scope, Enrolments enrolments, SessionReminders reminders, ISender sender, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var me = await scope.PersonIdAsync(ct);
            var personId = command.PersonId ?? me ?? throw new ValidationFailedException("", "Your account is not linked to a person, so there is nothing to withdraw.");
            var row = personId == me
                ? await SessionAccess.LoadAsync(session, command.SessionId, ct, forUpdate: true) ?? throw new SessionNotFoundException()
                : await SessionAccess.LoadManagedAsync(session, scope, command.SessionId, ct, forUpdate: true);
            if (row.IsCancelled) throw new ValidationFailedException("", "This session is cancelled.");
            if (row.StartsAt <= time.GetUtcNow())
                throw new ValidationFailedException("", "This session has already started: mark the person as not attended instead.");

            var connection = await session.ConnectionAsync(ct);
            var status = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(StatusSql, new { sessionId = row.Id, personId }, session.Transaction, cancellationToken: ct));
            if (status is not ("enrolled" or "waiting")) throw new ValidationFailedException("", "That person is not enrolled on this session.");
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { sessionId = row.Id, personId }, session.Transaction, cancellationToken: ct));
            await reminders.CancelAsync(row.Id, personId, ct);
            var moved = await enrolments.FillPlacesAsync(row, ct);

            var names = (await sender.Send(new GetPeopleByIds([personId, .. moved]), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            return new Result(names.GetValueOrDefault(personId, "(unknown person)"), moved.Select(m => names.GetValueOrDefault(m, "(unknown person)")).ToList());
        }
    }
}
