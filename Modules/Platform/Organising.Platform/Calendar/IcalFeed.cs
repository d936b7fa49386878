using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalCalendar = Ical.Net.Calendar;
using VEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace Organising.Platform.Calendar;

/// <summary>Writes events as an iCalendar feed (RFC 5545) in the organisation's time zone, with its VTIMEZONE.</summary>
public static class IcalFeed
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="absolute">Turns an app-relative link into an absolute one.</param>
    public static string Write(string name, TimeZoneInfo zone, IEnumerable<CalendarEvent> events, DateTimeOffset now, Func<string, string> absolute)
    {
        var calendar = new IcalCalendar { ProductId = "-//Organising for Health//Calendar feed//EN", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", name);
        calendar.AddProperty("X-WR-TIMEZONE", zone.Id);
        // Outlook refreshes a subscription this often; Google and Apple choose for themselves.
        calendar.AddProperty("X-PUBLISHED-TTL", "PT1H");
        // Times carry TZID=<zone>, so the zone's rules go with them: Outlook refuses a TZID with no VTIMEZONE.
        calendar.AddTimeZone(zone.Id, now.UtcDateTime.AddYears(-1), includeHistoricalData: false);

        foreach (var e in events)
        {
            var url = CalendarLinks.Safe(e.Url) is { } safe ? (CalendarLinks.IsAppRelative(safe) ? absolute(safe) : safe) : null;
            var vevent = new VEvent
            {
                Uid = e.Uid,
                Summary = e.Title,
                DtStamp = new CalDateTime(now.UtcDateTime, "UTC", true),
                DtStart = At(e.Start, zone),
                // An end not after the start is left out: the event then ends when it starts, as RFC 5545 says.
                DtEnd = e.End > e.Start ? At(e.End, zone) : null,
                Location = e.Location,
                // Google does not show URL, so the link goes in the description too.
                Description = url is null ? e.Description : string.IsNullOrWhiteSpace(e.Description) ? url : $"{e.Description}\n\n{url}",
                Url = url is null ? null : new Uri(url),
            };
            if (!string.IsNullOrWhiteSpace(e.Category)) vevent.Categories.Add(e.Category);
            calendar.Events.Add(vevent);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime At(DateTimeOffset instant, TimeZoneInfo zone) =>
        // In the hour that repeats when clocks go back, a local time could be either: say which, in UTC.
        zone.IsAmbiguousTime(instant)
            ? new CalDateTime(instant.UtcDateTime, "UTC", true)
            : new CalDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime, zone.Id, true);
}
