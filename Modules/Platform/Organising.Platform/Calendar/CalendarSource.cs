namespace Organising.Platform.Calendar;

/// <summary>Whose calendar: a user, and the person they are (null when no one person has their account's e-mail address).</summary>
public sealed record CalendarOwner(Guid UserId, Guid? PersonId);

/// <summary>
/// One event in a user's calendar. <see cref="Uid"/> must stay the same for the same event across requests and be unique
/// across the app (for example <c>teams.session.{id}</c>), so calendar apps update the event instead of adding a copy.
/// </summary>
public sealed record CalendarEvent(string Uid, string Title, DateTimeOffset Start, DateTimeOffset End)
{
    public string? Location { get; init; }
    public string? Description { get; init; }

    /// <summary>The page for the event: absolute (https://…) or app-relative (/Teams/Sessions/…).</summary>
    public string? Url { get; init; }

    /// <summary>What kind of event, in a word people read ("Training").</summary>
    public string? Category { get; init; }
}

/// <summary>
/// A module's events for a user's calendar feed and their /Me page. Register with
/// <c>services.AddScoped&lt;ICalendarSource, X&gt;()</c>. Return the events that overlap [from, to); sources are asked
/// one after another on the request's one connection.
/// </summary>
public interface ICalendarSource
{
    ValueTask<IReadOnlyList<CalendarEvent>> EventsAsync(CalendarOwner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}

/// <summary>Every module's events for one owner, in time order.</summary>
public sealed class CalendarEvents(IEnumerable<ICalendarSource> sources)
{
    public async ValueTask<IReadOnlyList<CalendarEvent>> BetweenAsync(CalendarOwner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var all = new List<CalendarEvent>();
        // One after another: sources share the scope's connection, which cannot run two commands at once.
        foreach (var source in sources) all.AddRange(await source.EventsAsync(owner, from, to, ct));
        return all
            .Where(e => e.Start < to && (e.End > e.Start ? e.End : e.Start) >= from)
            .DistinctBy(e => e.Uid, StringComparer.Ordinal)
            .OrderBy(e => e.Start).ThenBy(e => e.Title, StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>Where an event's link may lead: only this app's own pages or an http(s) address, never javascript: or data:.</summary>
public static class CalendarLinks
{
    public static bool IsAppRelative(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);

    /// <summary>The link as given when it is safe to show, else null.</summary>
    public static string? Safe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url)) return null;
        if (IsAppRelative(url)) return url;
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
    }
}
