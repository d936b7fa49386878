using Dapper;
using Organising.Platform.Calendar;
using Organising.Platform.Data;

namespace Organising.Teams.Training;

/// <summary>The scheduled training sessions the calendar's owner holds a place on (not those they wait for).</summary>
internal sealed class TrainingCalendar(DbSession session) : ICalendarSource
{
    private const string Sql = """
        SELECT s.id AS Id, m.name AS ModuleName, s.starts_at AS StartsAt, s.ends_at AS EndsAt, s.place AS Place, s.online_link AS OnlineLink,
               s.trainer AS Trainer
        FROM teams_enrolment e
        JOIN teams_session s ON s.id = e.session_id
        JOIN teams_curriculum_module m ON m.id = s.module_id
        WHERE e.person_id = @personId AND e.status = 'enrolled' AND s.status = 'scheduled'
          AND s.starts_at < @to AND s.ends_at > @from
        ORDER BY s.starts_at, s.id
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string ModuleName { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public string? Place { get; init; }
        public string? OnlineLink { get; init; }
        public string? Trainer { get; init; }
    }

    public async ValueTask<IReadOnlyList<CalendarEvent>> EventsAsync(CalendarOwner owner, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        if (owner.PersonId is not { } personId) return [];
        var connection = await session.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { personId, from, to }, session.Transaction, cancellationToken: ct));
        return rows.Select(r => new CalendarEvent($"teams.session.{r.Id}", $"Training: {r.ModuleName}", r.StartsAt, r.EndsAt)
        {
            Location = r.Place ?? r.OnlineLink,
            Description = string.Join("\n", new[] { r.Trainer is null ? null : $"Trainer: {r.Trainer}", r.OnlineLink is null ? null : $"Join online: {r.OnlineLink}" }
                .Where(l => l is not null)),
            Url = $"/Teams/Training/Sessions/{r.Id}",
            Category = "Training",
        }).ToList();
    }
}
