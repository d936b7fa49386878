using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>A cancelled session stays on record, with its enrolments; every reminder for it is cancelled.</summary>
public static class CancelSession
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid SessionId { get; set; }

        public AuditEntry DescribeForAudit(object? response) => new("teams.session-cancelled", "training-session", SessionId.ToString(), "Training session cancelled.");
    }

    private const string Sql = "UPDATE teams_session SET status = 'cancelled', updated_at = @now WHERE id = @sessionId";

    internal sealed class Handler(DbSession session, TeamScope scope, SessionReminders reminders, TimeProvider time) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var row = await SessionAccess.LoadManagedAsync(session, scope, command.SessionId, ct, forUpdate: true);
            if (row.IsCancelled) throw new ValidationFailedException("", "This session is already cancelled.");
            var now = time.GetUtcNow();
            if (row.StartsAt <= now) throw new ValidationFailedException("", "This session has already started, so it cannot be cancelled.");
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(Sql, new { sessionId = row.Id, now }, session.Transaction, cancellationToken: ct));
            await reminders.CancelSessionAsync(row.Id, ct);
            return Unit.Value;
        }
    }
}
