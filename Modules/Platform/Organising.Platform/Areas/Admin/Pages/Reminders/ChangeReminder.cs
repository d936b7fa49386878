using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;

namespace Organising.Platform.Areas.Admin.Pages.Reminders;

/// <summary>
/// An Organiser's two actions on one reminder: send a failed one again now, or cancel one not yet sent (a failed one
/// too, when it is no longer wanted). Each bumps the row's version, so a dispatcher holding an older copy cannot
/// overwrite the change. Both answer the reminder's key, for the audit entry.
/// </summary>
public static class ChangeReminder
{
    public sealed class Retry : ICommand<string>, IAuditedCommand
    {
        public Guid ReminderId { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            response is string key ? new(AuditKinds.ReminderRetried, "reminder", ReminderId.ToString(), $"Failed reminder {key} set to be sent again now.") : null;
    }

    public sealed class Cancel : ICommand<string>, IAuditedCommand
    {
        public Guid ReminderId { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            response is string key ? new(AuditKinds.ReminderCancelled, "reminder", ReminderId.ToString(), $"Reminder {key} cancelled.") : null;
    }

    public const string NotRetriable = "This reminder has not failed (it may have been retried or cancelled meanwhile), so there is nothing to retry.";
    public const string NotCancellable = "This reminder is being sent or has already been sent, skipped or cancelled, so it can no longer be cancelled.";

    // The last error stays until a send succeeds, so Organisers can still see why it failed.
    private const string RetrySql = """
        UPDATE platform_reminder SET status = 'pending', attempts = 0, due_at = @now, claimed_at = NULL, updated_at = @now, version = version + 1
        WHERE id = @id AND status = 'failed'
        RETURNING key
        """;

    private const string CancelSql = """
        UPDATE platform_reminder SET status = 'cancelled', note = @note, claimed_at = NULL, updated_at = @now, version = version + 1
        WHERE id = @id AND status IN ('pending', 'failed')
        RETURNING key
        """;

    internal sealed class RetryHandler(DbSession session, ReminderWakeups wakeups, TimeProvider clock) : ICommandHandler<Retry, string>
    {
        public async ValueTask<string> Handle(Retry command, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var connection = await session.ConnectionAsync(ct);
            var key = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(RetrySql,
                new { id = command.ReminderId, now }, session.Transaction, cancellationToken: ct)) ?? throw new ValidationFailedException("", NotRetriable);
            await wakeups.EnsureWhenCommittedAsync(session, now, ct);
            return key;
        }
    }

    // Who cancelled it is in the audit log; the note only says why it will not be sent.
    internal sealed class CancelHandler(DbSession session, TimeProvider clock) : ICommandHandler<Cancel, string>
    {
        public async ValueTask<string> Handle(Cancel command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(CancelSql, new
            {
                id = command.ReminderId, now = clock.GetUtcNow(), note = "Cancelled by an organiser.",
            }, session.Transaction, cancellationToken: ct)) ?? throw new ValidationFailedException("", NotCancellable);
        }
    }
}
