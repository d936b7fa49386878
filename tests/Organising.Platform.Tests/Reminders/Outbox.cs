using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Reminders;

namespace Organising.Platform.Tests.Reminders;

/// <summary>The reminders outbox as the tests see it: rows by key, seeded rows, the dispatcher run on demand.</summary>
internal static class Outbox
{
    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public string? Note { get; init; }
        public string? LastError { get; init; }
        public int Attempts { get; init; }
        public long Version { get; init; }
    }

    private const string RowSql = "SELECT id, key, status, due_at, note, last_error, attempts, version FROM platform_reminder WHERE key = @key";
    private const string BaseKeySql = "SELECT id, key, status, due_at, note, last_error, attempts, version FROM platform_reminder WHERE base_key = @baseKey ORDER BY key";

    public static async Task<Row?> RowAsync(AppWorld world, string key)
    {
        await using var db = world.App.OpenDatabase();
        return await db.QuerySingleOrDefaultAsync<Row>(RowSql, new { key });
    }

    public static async Task<IReadOnlyList<Row>> RowsAsync(AppWorld world, string baseKey)
    {
        await using var db = world.App.OpenDatabase();
        return (await db.QueryAsync<Row>(BaseKeySql, new { baseKey })).ToList();
    }

    public static async Task ScheduleAsync(AppWorld world, ReminderRequest request)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(request);
    }

    /// <summary>
    /// Runs the dispatcher until the row under <paramref name="key"/> is <paramref name="done"/> (Hangfire may run it
    /// meanwhile and take the row first, so each round reads the row again), and returns the row.
    /// </summary>
    public static async Task<Row?> DispatchUntilAsync(AppWorld world, string key, Func<Row, bool> done, bool runDispatcher = true, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (runDispatcher)
            {
                await using var scope = world.App.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ReminderDispatcher>().RunAsync(CancellationToken.None);
            }
            var row = await RowAsync(world, key);
            if ((row is not null && done(row)) || DateTime.UtcNow > deadline) return row;
            await Task.Delay(200);
        }
    }

    /// <summary>A row as if a module had scheduled it and the dispatcher had got as far as <paramref name="status"/>.</summary>
    public static async Task<Guid> SeedAsync(AppWorld world, string key, Guid personId, string kind, string status, DateTimeOffset dueAt, string subject,
        string? lastError = null, string? note = null, int attempts = 0, DateTimeOffset? sentAt = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = world.App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO platform_reminder (id, key, base_key, person_id, kind, event_at, lead_minutes, due_at, subject, body, status,
                attempts, last_error, note, sent_at, created_at, updated_at, version)
            VALUES (@id, @key, @baseKey, @personId, @kind, @dueAt, 0, @dueAt, @subject, 'Please come along.', @status,
                @attempts, @lastError, @note, @sentAt, @now, @now, 1)
            """, new
        {
            id = id.ToString(), key, baseKey = key, personId = personId.ToString(), kind, dueAt = DapperTypeHandlers.ToDbText(dueAt), subject, status,
            attempts, lastError, note, sentAt = sentAt is { } s ? DapperTypeHandlers.ToDbText(s) : null, now = DapperTypeHandlers.ToDbText(world.Clock.GetUtcNow()),
        });
        return id;
    }

    /// <summary>A signed-in Volunteer whose account is a contactable person (same e-mail address), with that person's id.</summary>
    public static async Task<(Browser Browser, Guid PersonId, string Email)> NewPersonWithAccountAsync(AppWorld world, string name)
    {
        var (_, email) = await world.NewUserAsync(Organising.Platform.Identity.Roles.Volunteer);
        var personId = await world.AddContactablePersonAsync(name, email);
        return (await world.App.SignInAsync(email), personId, email);
    }
}
