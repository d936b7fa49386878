using Dapper;
using Mediator;
using Organising.Platform.Calendar;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.PersonalData;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;

namespace Organising.Platform.Areas.Me.Pages;

/// <summary>The signed-in user's events for the next 30 days, from every module's calendar source, in the organisation's time.</summary>
public static class ListMyUpcoming
{
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(30);

    public sealed record Query : IQuery<Result>;

    /// <param name="HasPerson">Whether a person has the account's e-mail address; without one, modules know no events for them.</param>
    public sealed record Result(bool HasPerson, string AccountEmail, IReadOnlyList<Item> Events);

    /// <summary>An event with its times in the organisation's zone and its link only if it is safe to follow.</summary>
    public sealed record Item(string Title, DateTimeOffset Start, DateTimeOffset End, string? Location, string? Url, string? Category);

    private const string EmailSql = "SELECT email FROM platform_user WHERE id = @userId";

    internal sealed class Handler(
        DbSession session,
        ICurrentUser currentUser,
        UserPeople people,
        CalendarEvents calendar,
        OrganisationSettingsCache settings,
        TimeProvider time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            if (currentUser.Id is not { } userId) throw new ValidationFailedException("", "Sign in to see what is coming up for you.");
            var person = await people.PersonOfUserAsync(userId, ct);
            var now = time.GetUtcNow();
            var events = await calendar.BetweenAsync(new CalendarOwner(userId, person), now, now + Ahead, ct);
            var zone = (await settings.GetAsync(ct)).TimeZone;
            var items = events.Select(e => new Item(e.Title, TimeZoneInfo.ConvertTime(e.Start, zone), TimeZoneInfo.ConvertTime(e.End, zone),
                e.Location, CalendarLinks.Safe(e.Url), e.Category)).ToList();
            var connection = await session.ConnectionAsync(ct);
            var email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(EmailSql, new { userId }, session.Transaction, cancellationToken: ct));
            return new Result(person is not null, email ?? "", items);
        }
    }
}
