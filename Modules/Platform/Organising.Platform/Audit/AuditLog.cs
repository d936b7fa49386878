using Dapper;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Platform.Audit;

/// <summary>What happened, to what. Summaries name fields that changed, never their personal values.</summary>
public sealed record AuditEntry(string Kind, string? SubjectType, string? SubjectId, string Summary);

/// <summary>A command whose effect is recorded in the audit log, with the same transaction.</summary>
public interface IAuditedCommand
{
    /// <summary>The entry to write once the handler has succeeded; null when nothing changed.</summary>
    AuditEntry? DescribeForAudit(object? response);
}

public static class AuditKinds
{
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string PasswordResetRequested = "account.password-reset-requested";
    public const string PasswordReset = "account.password-reset";
    public const string Setup = "account.setup";
    public const string InvitationSent = "user.invited";
    public const string InvitationAccepted = "user.invitation-accepted";
    public const string InvitationRevoked = "user.invitation-revoked";
    public const string RoleChanged = "user.role-changed";
    public const string Disabled = "user.disabled";
    public const string Enabled = "user.enabled";
    public const string SettingsChanged = "settings.changed";
    public const string CalendarLinkCreated = "calendar.link-created";
    public const string CalendarLinkReplaced = "calendar.link-replaced";
    public const string ReminderRetried = "reminder.retried";
    public const string ReminderCancelled = "reminder.cancelled";
}

/// <summary>Appends to platform_audit on the scope's connection, so an entry written during a command commits with it.</summary>
public sealed class AuditLog(DbSession session, ICurrentUser currentUser, TimeProvider time)
{
    private const string InsertSql = """
        INSERT INTO platform_audit (id, occurred_at, user_id, user_name, kind, subject_type, subject_id, summary)
        VALUES (@Id, @OccurredAt, @UserId, @UserName, @Kind, @SubjectType, @SubjectId, @Summary)
        """;

    public async Task WriteAsync(AuditEntry entry, CancellationToken ct = default, Guid? userId = null, string? userName = null)
    {
        var connection = await session.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = time.GetUtcNow(),
            UserId = userId ?? currentUser.Id,
            UserName = userName ?? currentUser.Name,
            entry.Kind,
            entry.SubjectType,
            entry.SubjectId,
            Summary = entry.Summary.Length > 1000 ? entry.Summary[..1000] : entry.Summary,
        }, session.Transaction, cancellationToken: ct));
    }
}
