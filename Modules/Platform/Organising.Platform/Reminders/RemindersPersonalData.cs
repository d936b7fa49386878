using Dapper;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Platform.Reminders;

/// <summary>The reminders sent or planned for a person, and their reminder preferences, for a subject-access export.</summary>
internal sealed class RemindersPersonalData(DbSession session, ReminderKinds kinds) : IPersonalDataSource
{
    private sealed class Row
    {
        public string Kind { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public string Status { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTimeOffset? SentAt { get; init; }
        public string? Note { get; init; }
    }

    private const string RemindersSql = """
        SELECT kind, due_at, status, subject, sent_at, note FROM platform_reminder WHERE person_id = @personId ORDER BY due_at
        """;

    public async ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var reminders = await connection.QueryAsync<Row>(new CommandDefinition(RemindersSql, new { personId }, session.Transaction, cancellationToken: ct));
        var preferences = await ReminderPreferences.AllKindsAsync(connection, session.Transaction, personId, ct);
        var quiet = await ReminderPreferences.QuietHoursAsync(connection, session.Transaction, personId, ct);

        var records = reminders.Select(r => new PersonalDataRecord("Reminder", [
            new("Kind", NameOf(r.Kind)), new("Due", DapperTypeHandlers.ToDbText(r.DueAt)), new("Status", r.Status),
            new("Subject", r.Subject), new("Sent", r.SentAt is { } sent ? DapperTypeHandlers.ToDbText(sent) : null), new("Note", r.Note)])).ToList();
        records.AddRange(preferences.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PersonalDataRecord("Reminder preference", [
            new("Kind", NameOf(p.Key)), new("On", p.Value.Enabled ? "yes" : "no"),
            new("When", string.Join(", ", p.Value.LeadTimes.Select(LeadTime.Describe)))])));
        if (records.Count == 0) return null;
        records.Add(new PersonalDataRecord("Quiet hours", [new("Quiet hours", quiet.Describe())]));
        return new PersonalDataSection("platform", "Reminders", records);
    }

    private string NameOf(string kind) => kinds.Find(kind)?.Name ?? kind;
}
