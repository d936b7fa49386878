using System.Security.Cryptography;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.DataProtection;
using Organising.Platform.Calendar;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Me.Pages.Calendar;

/// <summary>The signed-in user's calendar feed address, if they have made one.</summary>
public static class GetMyCalendarLink
{
    public sealed record Query : IQuery<Result>;

    /// <param name="Url">The feed's absolute address; null when there is none, or when it can no longer be read.</param>
    /// <param name="Unreadable">A link exists but its stored copy cannot be decrypted (the app's keys were lost): only a new link helps.</param>
    public sealed record Result(string? Url, DateTimeOffset? CreatedAt, bool Unreadable)
    {
        public bool Exists => Url is not null || Unreadable;

        /// <summary>The same address for apps that subscribe when a webcal: link is opened (Apple Calendar, Outlook).</summary>
        public string? WebcalUrl => Url is null ? null : "webcal://" + Url[(Url.IndexOf("://", StringComparison.Ordinal) + 3)..];
    }

    private sealed class Row
    {
        public string ProtectedToken { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    private const string FeedSql = "SELECT protected_token, created_at FROM platform_calendar_feed WHERE user_id = @userId";

    internal sealed class Handler(DbSession session, ICurrentUser currentUser, IDataProtectionProvider protection, LinkBuilder links)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            if (currentUser.Id is not { } userId) throw new ValidationFailedException("", "Sign in to see your calendar link.");
            var connection = await session.ConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(FeedSql, new { userId }, session.Transaction, cancellationToken: ct));
            if (row is null) return new Result(null, null, false);
            try
            {
                var token = protection.CreateProtector(FeedTokens.ProtectionPurpose).Unprotect(row.ProtectedToken);
                return new Result(links.Absolute(FeedTokens.PathOf(token)), row.CreatedAt, false);
            }
            catch (CryptographicException)
            {
                return new Result(null, row.CreatedAt, true);
            }
        }
    }
}
