using Dapper;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Organising.Platform.Audit;
using Organising.Platform.Calendar;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Me.Pages.Calendar;

/// <summary>
/// Makes the signed-in user's secret calendar feed address. Making a new one replaces the old, which stops working at once;
/// that needs <see cref="Command.Replace"/>, so a stale page or a second click cannot break a subscription unasked.
/// </summary>
public static class CreateMyCalendarLink
{
    public sealed class Command : ICommand<Result>, IAuditedCommand
    {
        /// <summary>The user confirmed that their old link may stop working.</summary>
        public bool Replace { get; set; }

        public AuditEntry? DescribeForAudit(object? response) => response is Result result
            ? result.Replaced
                ? new AuditEntry(AuditKinds.CalendarLinkReplaced, "calendar-link", null, "Calendar link replaced; the old link no longer works.")
                : new AuditEntry(AuditKinds.CalendarLinkCreated, "calendar-link", null, "Calendar link created.")
            : null;
    }

    public sealed record Result(bool Replaced);

    public const string AlreadyHasLink = "You already have a calendar link. To stop it working and get a new one, choose “Make a new link” and confirm.";

    private const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM platform_calendar_feed WHERE user_id = @userId)";

    private const string UpsertSql = """
        INSERT INTO platform_calendar_feed (user_id, token_hash, protected_token, created_at)
        VALUES (@userId, @tokenHash, @protectedToken, @now)
        ON CONFLICT (user_id) DO UPDATE SET
            token_hash = excluded.token_hash, protected_token = excluded.protected_token, created_at = excluded.created_at
        """;

    internal sealed class Handler(DbSession session, ICurrentUser currentUser, IDataProtectionProvider protection, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            if (currentUser.Id is not { } userId) throw new ValidationFailedException("", "Sign in to make a calendar link.");
            var connection = await session.ConnectionAsync(ct);
            var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(ExistsSql, new { userId }, session.Transaction, cancellationToken: ct));
            if (exists && !command.Replace) throw new ValidationFailedException("", AlreadyHasLink);

            var token = SecretTokens.NewToken();
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
            {
                userId,
                tokenHash = SecretTokens.Hash(token),
                protectedToken = protection.CreateProtector(FeedTokens.ProtectionPurpose).Protect(token),
                now = time.GetUtcNow(),
            }, session.Transaction, cancellationToken: ct));
            return new Result(exists);
        }
    }
}
