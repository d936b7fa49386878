using Dapper;
using Organising.Teams.Areas.Teams.Pages.Training.Sessions;

namespace Organising.Teams.Tests.Training;

/// <summary>Seeds and reads for the training tests: sessions (through the command or straight into the table) and reminder rows.</summary>
public abstract class TrainingFixture : WorldFixture
{
    /// <summary>The seeded "One-to-ones" module (core) and "Negotiation" (optional).</summary>
    protected static readonly Guid OneToOnes = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    protected static readonly Guid Negotiation = Guid.Parse("0190a000-0000-7000-8000-000000000006");

    protected static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    protected static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A local (London) date some days from now.</summary>
    protected DateOnly DaysAhead(int days) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(World.Clock.GetUtcNow(), London).DateTime).AddDays(days);

    protected static SaveSession.Command NewSession(DateOnly date, Guid? teamId, int capacity = 10, Guid? module = null, string? place = "Community Centre") => new()
    {
        ModuleId = module ?? OneToOnes, TeamId = teamId, Date = date, StartTime = new TimeOnly(18, 30), EndTime = new TimeOnly(20, 30),
        Place = place, Trainer = "Tess Trainer", Capacity = capacity,
    };

    protected async Task<Guid> ScheduleAsync(AppWorld.User user, SaveSession.Command command) => (await World.SendAsAsync(user, command)).Id;

    /// <summary>A session of Team A ten days ahead, scheduled by the Organiser.</summary>
    protected Task<Guid> ScheduleTeamASessionAsync(int capacity = 10, int days = 10) => ScheduleAsync(World.Organiser, NewSession(DaysAhead(days), World.TeamA, capacity));

    protected async Task<List<Guid>> PeopleAsync(int count, string stem = "Trainee")
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await World.AddPersonAsync(Unique($"{stem} {i + 1:00}")));
        return ids;
    }

    protected Task<Enrol.Result> EnrolAsync(Guid session, Guid person, AppWorld.User? by = null) =>
        World.SendAsAsync(by ?? World.Organiser, new Enrol.Command(session, person));

    protected async Task<string?> EnrolmentStatusAsync(Guid session, Guid person)
    {
        await using var db = World.App.OpenDatabase();
        return await db.ExecuteScalarAsync<string?>("SELECT status FROM teams_enrolment WHERE session_id = @session AND person_id = @person",
            new { session = session.ToString(), person = person.ToString() });
    }

    public sealed class ReminderRow
    {
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public string DueAt { get; init; } = "";
        public string EventAt { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
    }

    protected async Task<Dictionary<string, ReminderRow>> RemindersAsync(Guid session, Guid person)
    {
        await using var db = World.App.OpenDatabase();
        var rows = await db.QueryAsync<ReminderRow>("SELECT key AS Key, status AS Status, due_at AS DueAt, event_at AS EventAt, subject AS Subject, body AS Body FROM platform_reminder WHERE base_key = @key",
            new { key = $"teams.training.{session}.{person}" });
        return rows.ToDictionary(r => r.Key[($"teams.training.{session}.{person}".Length + 1)..]);
    }

    protected async Task<DateTimeOffset> StartsAtAsync(Guid session)
    {
        await using var db = World.App.OpenDatabase();
        return DateTimeOffset.Parse(await db.ExecuteScalarAsync<string>("SELECT starts_at FROM teams_session WHERE id = @session", new { session = session.ToString() }) ?? "",
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Moves a session's start (and end, two hours later) straight in the table, e.g. into the past so attendance can be marked.</summary>
    protected async Task MoveSessionInTableAsync(Guid session, DateTimeOffset startsAt)
    {
        await using var db = World.App.OpenDatabase();
        await db.ExecuteAsync("UPDATE teams_session SET starts_at = @starts, ends_at = @ends WHERE id = @session", new
        {
            session = session.ToString(), starts = DapperTypeHandlers.ToDbText(startsAt), ends = DapperTypeHandlers.ToDbText(startsAt.AddHours(2)),
        });
    }

    protected static string Db(DateTimeOffset at) => DapperTypeHandlers.ToDbText(at);
}
