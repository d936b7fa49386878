using System.Data.Common;
using System.Globalization;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Testing;

/// <summary>
/// People Platform's reminders can reach, written straight into Networks' tables (whose contact directory the
/// dispatcher asks): an e-mail address and consent to contact. Shared by the tests and the reminders benchmark
/// (which compiles this file in, as it references no test support).
/// </summary>
public static class ContactablePeople
{
    public sealed record Person(string FullName, string Email);

    /// <param name="contactConsent">"given" makes them reachable; "withdrawn" is a person the dispatcher must skip.</param>
    /// <param name="quietHoursOff">So that the hour a test or benchmark runs at never holds their reminders back.</param>
    public static async Task<IReadOnlyList<Guid>> AddAsync(DbConnection connection, DbTransaction? transaction, IEnumerable<Person> people,
        DateTimeOffset now, string contactConsent = "given", bool quietHoursOff = false)
    {
        var at = DapperTypeHandlers.ToDbText(now);
        var today = now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var ids = new List<Guid>();
        foreach (var person in people)
        {
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync("""
                INSERT INTO networks_person (id, full_name, email, email_normalized, new_to_involvement, search_text, created_at, updated_at)
                VALUES (@id, @fullName, @email, @normalized, 0, @search, @at, @at)
                """, new { id = id.ToString(), fullName = person.FullName, email = person.Email, normalized = person.Email.Trim().ToLowerInvariant(),
                    search = $"{person.FullName} {person.Email}".ToLowerInvariant(), at }, transaction);
            await connection.ExecuteAsync("""
                INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_at)
                VALUES (@id, @personId, 'contact', @state, 'May we contact you?', @today, 'paper', @at)
                """, new { id = Guid.CreateVersion7().ToString(), personId = id.ToString(), state = contactConsent, today, at }, transaction);
            if (quietHoursOff)
            {
                await connection.ExecuteAsync("""
                    INSERT INTO platform_reminder_quiet_hours (person_id, enabled, starts, ends, updated_at) VALUES (@personId, 0, '21:00', '08:00', @at)
                    """, new { personId = id.ToString(), at }, transaction);
            }
            ids.Add(id);
        }
        return ids;
    }

    /// <summary><paramref name="count"/> people named "{prefix} {i}" at "{prefix}.{i}@example.org".</summary>
    public static IEnumerable<Person> Numbered(string prefix, int count) =>
        Enumerable.Range(0, count).Select(i => new Person($"Person {prefix} {i}", $"{prefix}.{i}@example.org"));
}
