using Dapper;
using Organising.Platform.Calendar;
using Organising.Platform.Data;

namespace Organising.Listening.Events;

/// <summary>The listening events the calendar's owner facilitates (two hours long, as events have no end time).</summary>
internal sealed class ListeningCalendar(DbSession session) : ICalendarSource
{
    public static readonly TimeSpan Length = TimeSpan.FromHours(2);

    private const string Sql = $"""
        SELECT e.id AS Id, e.type AS Type, e.held_at AS HeldAt, e.place AS Place, c.name AS CampaignName
        FROM listening_event_person p
        JOIN listening_event e ON e.id = p.event_id
        JOIN listening_campaign c ON c.id = e.campaign_id
        WHERE p.person_id = @personId AND p.role = '{EventRoles.Facilitator}' AND e.held_at < @to AND e.held_at >= @from
        ORDER BY e.held_at, e.id
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public string CampaignName { get; init; } = "";
    }

    public async ValueTask<IReadOnlyList<CalendarEvent>> EventsAsync(CalendarOwner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (owner.PersonId is not { } personId) return [];
        var connection = await session.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { personId, from = from - Length, to }, session.Transaction, cancellationToken: ct));
        return rows.Select(r => new CalendarEvent($"listening.event.{r.Id}", $"{EventTypes.Describe(r.Type)}: {r.CampaignName}", r.HeldAt, r.HeldAt + Length)
        {
            Location = r.Place,
            Description = $"Listening campaign “{r.CampaignName}”. Bring the report-back forms.",
            Url = $"/Listening/Events/Details/{r.Id}",
            Category = "Listening",
        }).ToList();
    }
}
