using Dapper;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Listening.People;

/// <summary>
/// Everything Listening holds about one person, for a subject-access export: the events they facilitated, hosted or
/// took part in (when, where, which campaign), and the stories, testimonies and quotes they told, with the consent they gave.
/// </summary>
internal sealed class ListeningPersonalData(DbSession session) : IPersonalDataSource
{
    private const string EventsSql = """
        SELECT c.name AS Campaign, e.type AS Type, e.held_at AS HeldAt, e.place AS Place, x.role AS Role
        FROM (SELECT event_id, role FROM listening_event_person WHERE person_id = @personId
              UNION ALL
              SELECT id AS event_id, 'host' AS role FROM listening_event WHERE host_person_id = @personId) x
        JOIN listening_event e ON e.id = x.event_id
        JOIN listening_campaign c ON c.id = e.campaign_id
        ORDER BY e.held_at, x.role
        """;

    private const string StoriesSql = """
        SELECT c.name AS Campaign, e.held_at AS HeldAt, s.kind AS Kind, s.text AS Text, s.teller_label AS TellerLabel, s.consent AS Consent
        FROM listening_story s JOIN listening_event e ON e.id = s.event_id JOIN listening_campaign c ON c.id = e.campaign_id
        WHERE s.teller_person_id = @personId ORDER BY e.held_at, s.position
        """;

    public async ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        CommandDefinition Q(string sql) => new(sql, new { personId }, session.Transaction, cancellationToken: ct);
        static KeyValuePair<string, string?> F(string label, string? value) => new(label, value);

        var records = new List<PersonalDataRecord>();
        foreach (var e in await connection.QueryAsync<EventRow>(Q(EventsSql)))
            records.Add(new("Listening event", [F("Campaign", e.Campaign), F("Type", e.Type), F("When", DapperTypeHandlers.ToDbText(e.HeldAt)),
                F("Where", e.Place), F("Your part", e.Role)]));
        foreach (var s in await connection.QueryAsync<StoryRow>(Q(StoriesSql)))
            records.Add(new("Story you told", [F("Campaign", s.Campaign), F("When", DapperTypeHandlers.ToDbText(s.HeldAt)), F("Kind", s.Kind),
                F("Text", s.Text), F("Described as", s.TellerLabel), F("Consent to share", s.Consent)]));
        return records.Count == 0 ? null : new PersonalDataSection("listening", "Listening: events and stories", records);
    }

    private sealed class EventRow
    {
        public string Campaign { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public string Role { get; init; } = "";
    }

    private sealed class StoryRow
    {
        public string Campaign { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string Kind { get; init; } = "";
        public string Text { get; init; } = "";
        public string? TellerLabel { get; init; }
        public string Consent { get; init; } = "";
    }
}
