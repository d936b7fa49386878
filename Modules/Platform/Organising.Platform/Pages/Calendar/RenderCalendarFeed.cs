using Organising.Platform.Identity;
using Dapper;
using Mediator;
using Organising.Platform.Calendar;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Pages.Calendar;

public static class RenderCalendarFeed
{
    public static readonly TimeSpan Past = TimeSpan.FromDays(30);
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(365);

    /// <summary>The feed's iCalendar text; null when the token opens no feed (unknown, replaced, or its user disabled).</summary>
    public sealed record Query(string? Token) : IQuery<string?>;

    private const string OwnerSql = """
        SELECT f.user_id FROM platform_calendar_feed f
        JOIN platform_user u ON u.id = f.user_id
        WHERE f.token_hash = @hash AND u.is_disabled = 0
        """;

    internal sealed class Handler(
        DbSession session,
        UserPeople people,
        CalendarEvents calendar,
        OrganisationSettingsCache settings,
        LinkBuilder links,
        TimeProvider time) : IQueryHandler<Query, string?>
    {
        public async ValueTask<string?> Handle(Query query, CancellationToken ct)
        {
            if (!SecretTokens.IsWellFormed(query.Token)) return null;
            var connection = await session.ConnectionAsync(ct);
            var userId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(OwnerSql,
                new { hash = SecretTokens.Hash(query.Token!) }, session.Transaction, cancellationToken: ct));
            if (userId is not { } user) return null;

            var now = time.GetUtcNow();
            var owner = new CalendarOwner(user, await people.PersonOfUserAsync(user, ct));
            var events = await calendar.BetweenAsync(owner, now - Past, now + Ahead, ct);
            var organisation = await settings.GetAsync(ct);
            return IcalFeed.Write(organisation.Name, organisation.TimeZone, events, now, links.Absolute);
        }
    }
}
