using Dapper;
using Organising.Platform.Data;
using Organising.Platform.Modules;

namespace Organising.Platform.Reminders;

/// <summary>
/// One reminder a module wants sent to a person about something at <see cref="At"/>. Platform sends one message per
/// lead time the person has chosen for the kind (or the kind's defaults), each <c>lead</c> before <see cref="At"/>,
/// under the key <c>{Key}.{lead}</c> (for example <c>teams.training.{session}.{person}.2d</c>).
/// </summary>
/// <param name="Key">The module's idempotency key: the same key always means the same reminder.</param>
/// <param name="Kind">One of the module's <see cref="ReminderKind"/> ids.</param>
/// <param name="Body">Plain text, rendered by the module (in the person's language where it has one).</param>
public sealed record ReminderRequest(string Key, Guid PersonId, string Kind, DateTimeOffset At, string Subject, string Body);

/// <summary>Modules' way to remind people. Calls join the caller's unit of work, so a reminder is scheduled
/// or cancelled exactly when the command that caused it commits.</summary>
public interface IReminders
{
    /// <summary>Adds the reminder, or moves and rewrites an unsent one with the same key; never adds a second.</summary>
    Task ScheduleAsync(ReminderRequest reminder, CancellationToken ct = default);

    /// <summary>Cancels the unsent reminders under this key (each of its lead times).</summary>
    Task CancelAsync(string key, CancellationToken ct = default);

    /// <summary>Cancels every unsent reminder whose key starts with <paramref name="prefix"/>: a cancelled session's.</summary>
    Task CancelByPrefixAsync(string prefix, CancellationToken ct = default);

    /// <summary>Moves a merged person's reminders and preferences to the person they were merged into.</summary>
    Task ReassignPersonAsync(Guid fromPersonId, Guid toPersonId, CancellationToken ct = default);

    /// <summary>For erasure: cancels the person's unsent reminders, blanks the text of all of them, drops their preferences.</summary>
    Task ForgetPersonAsync(Guid personId, CancellationToken ct = default);

    /// <summary>
    /// For erasure of someone a reminder is about rather than to (a one-to-one's follow-up names the person met):
    /// cancels the unsent reminders whose key starts with <paramref name="prefix"/> and blanks the text of all of them.
    /// </summary>
    Task ForgetByPrefixAsync(string prefix, CancellationToken ct = default);
}

/// <summary>Every module's reminder kinds, by id.</summary>
public sealed class ReminderKinds(IEnumerable<ModuleDefinition> modules)
{
    private readonly IReadOnlyDictionary<string, ReminderKind> _kinds =
        modules.SelectMany(m => m.ReminderKinds).ToDictionary(k => k.Id, StringComparer.Ordinal);

    public IReadOnlyCollection<ReminderKind> All => _kinds.Values.OrderBy(k => k.Name, StringComparer.OrdinalIgnoreCase).ToList();

    public ReminderKind? Find(string id) => _kinds.GetValueOrDefault(id);
}

internal sealed class ReminderOutbox(DbSession session, ReminderKinds kinds, ReminderWakeups wakeups, TimeProvider clock) : IReminders
{
    public const int MaxKeyLength = 300;
    public const int MaxSubjectLength = 300;

    internal const string UpsertSql = """
        INSERT INTO platform_reminder (id, key, base_key, person_id, kind, event_at, lead_minutes, due_at, subject, body, status, attempts, created_at, updated_at, version)
        VALUES (@id, @key, @baseKey, @personId, @kind, @eventAt, @leadMinutes, @dueAt, @subject, @body, 'pending', 0, @now, @now, 1)
        ON CONFLICT (key) DO UPDATE SET
            person_id = excluded.person_id, kind = excluded.kind, event_at = excluded.event_at, lead_minutes = excluded.lead_minutes,
            due_at = excluded.due_at, subject = excluded.subject, body = excluded.body,
            status = 'pending', attempts = 0, last_error = NULL, note = NULL, claimed_at = NULL, sent_at = NULL,
            updated_at = excluded.updated_at, version = platform_reminder.version + 1
        WHERE NOT (platform_reminder.status IN ('sent', 'sending') AND platform_reminder.event_at = excluded.event_at
                   AND platform_reminder.due_at = excluded.due_at)
          AND NOT (platform_reminder.status = 'pending' AND platform_reminder.due_at = excluded.due_at
                   AND platform_reminder.subject = excluded.subject AND platform_reminder.body = excluded.body
                   AND platform_reminder.person_id = excluded.person_id)
        """;

    /// <summary>
    /// Lead times the person no longer wants, or that have passed, for this event. A wanted lead time that has passed
    /// keeps its unsent row for the same event: that row is waiting out quiet hours or a mail server's outage, and
    /// rescheduling (new text, changed preferences) must not drop it.
    /// </summary>
    private const string CancelOtherLeadsSql = """
        UPDATE platform_reminder SET status = 'cancelled', note = @note, updated_at = @now, version = version + 1
        WHERE base_key = @baseKey AND status IN ('pending', 'failed') AND key NOT IN (SELECT value FROM json_each(@keys))
          AND NOT (status = 'pending' AND event_at = @eventAt AND key IN (SELECT value FROM json_each(@passedKeys)))
        """;

    /// <summary>A person's unsent reminders of one kind for events still to come, each lead time's row.</summary>
    private const string PendingEventsSql = """
        SELECT base_key, event_at, subject, body, updated_at FROM platform_reminder
        WHERE person_id = @personId AND kind = @kind AND status = 'pending' AND event_at > @now
        """;

    private const string CancelSql = """
        UPDATE platform_reminder SET status = 'cancelled', note = NULL, updated_at = @now, version = version + 1
        WHERE base_key = @key AND status IN ('pending', 'failed')
        """;

    // substr, not LIKE: a key may hold % or _, and the comparison is exact on both engines.
    private const string CancelByPrefixSql = """
        UPDATE platform_reminder SET status = 'cancelled', note = NULL, updated_at = @now, version = version + 1
        WHERE substr(base_key, 1, @length) = @prefix AND status IN ('pending', 'failed')
        """;

    private const string ForgetByPrefixSql = """
        UPDATE platform_reminder SET status = CASE WHEN status IN ('pending', 'failed') THEN 'cancelled' ELSE status END,
            subject = '(erased)', body = '', note = NULL, last_error = NULL, updated_at = @now, version = version + 1
        WHERE substr(base_key, 1, @length) = @prefix
        """;

    private const string ReassignSql = """
        UPDATE platform_reminder SET person_id = @toPersonId, updated_at = @now, version = version + 1 WHERE person_id = @fromPersonId;
        INSERT INTO platform_reminder_preference (person_id, kind, enabled, lead_minutes, updated_at)
            SELECT @toPersonId, kind, enabled, lead_minutes, updated_at FROM platform_reminder_preference WHERE person_id = @fromPersonId
            ON CONFLICT (person_id, kind) DO NOTHING;
        DELETE FROM platform_reminder_preference WHERE person_id = @fromPersonId;
        INSERT INTO platform_reminder_quiet_hours (person_id, enabled, starts, ends, updated_at)
            SELECT @toPersonId, enabled, starts, ends, updated_at FROM platform_reminder_quiet_hours WHERE person_id = @fromPersonId
            ON CONFLICT (person_id) DO NOTHING;
        DELETE FROM platform_reminder_quiet_hours WHERE person_id = @fromPersonId;
        """;

    private const string ForgetSql = """
        UPDATE platform_reminder SET status = CASE WHEN status IN ('pending', 'failed') THEN 'cancelled' ELSE status END,
            subject = '(erased)', body = '', note = NULL, last_error = NULL, updated_at = @now, version = version + 1
        WHERE person_id = @personId;
        DELETE FROM platform_reminder_preference WHERE person_id = @personId;
        DELETE FROM platform_reminder_quiet_hours WHERE person_id = @personId;
        """;

    public async Task ScheduleAsync(ReminderRequest reminder, CancellationToken ct = default)
    {
        var kind = kinds.Find(reminder.Kind) ?? throw new ArgumentException($"No module declares the reminder kind '{reminder.Kind}'.", nameof(reminder));
        if (string.IsNullOrWhiteSpace(reminder.Key) || reminder.Key.Length > MaxKeyLength) throw new ArgumentException($"A reminder key is 1 to {MaxKeyLength} characters.", nameof(reminder));

        DateTimeOffset? earliest = null;
        await InUnitOfWorkAsync(async (connection, transaction) =>
        {
            var now = clock.GetUtcNow();
            var preference = await ReminderPreferences.ForKindAsync(connection, transaction, reminder.PersonId, kind.Id, ct);
            var leads = preference is { LeadTimes.Count: > 0 } && kind.LeadTimesAreChoosable ? preference.LeadTimes : kind.DefaultLeadTimes;
            var subject = reminder.Subject.Length > MaxSubjectLength ? reminder.Subject[..MaxSubjectLength] : reminder.Subject;

            var keys = new List<string>();
            var passedKeys = new List<string>();
            foreach (var lead in leads.Distinct())
            {
                var due = reminder.At - lead;
                var key = $"{reminder.Key}.{LeadTime.Code(lead)}";
                // "Two days before" an event tomorrow has passed: it is not sent late. A reminder at a set time is.
                if (lead > TimeSpan.Zero && due < now)
                {
                    passedKeys.Add(key);
                    continue;
                }
                keys.Add(key);
                await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
                {
                    id = Guid.CreateVersion7(), key, baseKey = reminder.Key, personId = reminder.PersonId, kind = kind.Id,
                    eventAt = reminder.At, leadMinutes = (int)lead.TotalMinutes, dueAt = due, subject, body = reminder.Body, now,
                }, transaction, cancellationToken: ct));
                if (earliest is null || due < earliest) earliest = due;
            }
            await connection.ExecuteAsync(new CommandDefinition(CancelOtherLeadsSql,
                new { baseKey = reminder.Key, keys = SqlText.JsonList(keys), passedKeys = SqlText.JsonList(passedKeys), eventAt = reminder.At, now, note = "No longer wanted at this time." }, transaction, cancellationToken: ct));
        }, ct);

        if (earliest is { } wake) await wakeups.EnsureWhenCommittedAsync(session, wake, ct);
    }

    private sealed class PendingEvent
    {
        public string BaseKey { get; init; } = "";
        public DateTimeOffset EventAt { get; init; }
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
    }

    /// <summary>
    /// After a person changes a kind's lead times: schedules each of their unsent reminders of that kind for events
    /// still to come again, from what its rows hold, so they follow the new choice. Returns how many events.
    /// </summary>
    internal async Task<int> RescheduleForPersonAsync(Guid personId, string kind, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var rows = await connection.QueryAsync<PendingEvent>(new CommandDefinition(PendingEventsSql,
            new { personId, kind, now = clock.GetUtcNow() }, session.Transaction, cancellationToken: ct));
        // One event has a row per lead time, all written together; the latest is the event as last scheduled.
        var events = rows.GroupBy(r => r.BaseKey, StringComparer.Ordinal).Select(g => g.MaxBy(r => r.UpdatedAt)!).ToList();
        foreach (var e in events)
        {
            await ScheduleAsync(new ReminderRequest(e.BaseKey, personId, kind, e.EventAt, e.Subject, e.Body), ct);
        }
        return events.Count;
    }

    public Task CancelAsync(string key, CancellationToken ct = default) =>
        ExecuteAsync(CancelSql, new { key, now = clock.GetUtcNow() }, ct);

    public Task CancelByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(prefix)) throw new ArgumentException("Cancelling by an empty prefix would cancel every reminder.", nameof(prefix));
        return ExecuteAsync(CancelByPrefixSql, new { prefix, length = prefix.Length, now = clock.GetUtcNow() }, ct);
    }

    public Task ForgetByPrefixAsync(string prefix, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(prefix)) throw new ArgumentException("Forgetting by an empty prefix would blank every reminder.", nameof(prefix));
        return ExecuteAsync(ForgetByPrefixSql, new { prefix, length = prefix.Length, now = clock.GetUtcNow() }, ct);
    }

    public Task ReassignPersonAsync(Guid fromPersonId, Guid toPersonId, CancellationToken ct = default) =>
        ExecuteAsync(ReassignSql, new { fromPersonId, toPersonId, now = clock.GetUtcNow() }, ct);

    public Task ForgetPersonAsync(Guid personId, CancellationToken ct = default) =>
        ExecuteAsync(ForgetSql, new { personId, now = clock.GetUtcNow() }, ct);

    private Task ExecuteAsync(string sql, object args, CancellationToken ct) =>
        InUnitOfWorkAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct)), ct);

    /// <summary>In the caller's transaction when there is one (a command's unit of work); otherwise in one of its own.</summary>
    private async Task InUnitOfWorkAsync(Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task> work, CancellationToken ct)
    {
        var began = await session.BeginAsync(ct);
        try
        {
            await work(await session.ConnectionAsync(ct), session.Transaction!);
            if (began) await session.CommitAsync(ct);
        }
        catch
        {
            if (began) await session.RollbackAsync();
            throw;
        }
    }
}
