using Dapper;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Networks;

/// <summary>
/// Platform's reminders ask here before any message: a person is contactable only while their
/// latest consent to contact is "given", and for reminders only if they have not withdrawn that too.
/// </summary>
internal sealed class ContactDirectory(DbSession session) : IContactDirectory
{
    private sealed class Person
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public string? PreferredName { get; init; }
        public string? Email { get; init; }
        public string? PreferredLanguage { get; init; }
        public DateTimeOffset? ErasedAt { get; init; }
        public Guid? MergedInto { get; init; }
    }

    private const string PeopleSql = """
        SELECT id, full_name, preferred_name, email, preferred_language, erased_at, merged_into
        FROM networks_person WHERE id IN (SELECT value FROM json_each(@personIds))
        """;

    private const string PersonByEmailSql = """
        SELECT id FROM networks_person
        WHERE email_normalized = @email AND erased_at IS NULL AND merged_into IS NULL
        LIMIT 2
        """;

    public async ValueTask<Guid?> FindPersonByEmailAsync(string email, CancellationToken ct)
    {
        if (PersonSearchText.NormaliseEmail(email) is not { } normalised) return null;
        var connection = await session.ConnectionAsync(ct);
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(PersonByEmailSql, new { email = normalised }, session.Transaction, cancellationToken: ct))).ToList();
        // Two people sharing an address (a family's) could be either: better no one than the wrong one.
        return ids.Count == 1 ? ids[0] : null;
    }

    public async ValueTask<IReadOnlyList<Guid>> FindPeopleAsync(string search, int limit, CancellationToken ct)
    {
        var parameters = new DynamicParameters();
        var condition = PersonSearch.Condition(search, parameters, session.Dialect);
        parameters.Add("limit", Math.Max(1, limit));
        // The condition is constant SQL chosen by PersonSearch; the search itself is a parameter.
        var sql = $"SELECT p.id FROM networks_person p WHERE p.erased_at IS NULL AND p.merged_into IS NULL AND {condition} LIMIT @limit";
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: ct))).ToList();
    }

    public async ValueTask<ContactDetails?> FindAsync(Guid personId, ContactPurpose purpose, CancellationToken ct) =>
        (await FindManyAsync([personId], purpose, ct)).GetValueOrDefault(personId);

    /// <summary>The people in two queries (and one more for each merged person, who is reached as their survivor).</summary>
    public async ValueTask<IReadOnlyDictionary<Guid, ContactDetails>> FindManyAsync(IReadOnlyCollection<Guid> personIds, ContactPurpose purpose, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var people = (await connection.QueryAsync<Person>(new CommandDefinition(PeopleSql,
            new { personIds = SqlText.IdList(personIds) }, session.Transaction, cancellationToken: ct))).ToList();
        var consents = (await connection.QueryAsync<Consents.Current>(new CommandDefinition(Consents.CurrentForPeopleSql,
                new { personIds = SqlText.IdList(people.Where(p => p.MergedInto is null).Select(p => p.Id)) }, session.Transaction, cancellationToken: ct)))
            .GroupBy(c => c.PersonId)
            .ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Purpose, c => c.State));
        var found = new Dictionary<Guid, ContactDetails>();
        foreach (var person in people)
        {
            var details = person.MergedInto is null
                ? Details(person, consents.GetValueOrDefault(person.Id) ?? new Dictionary<string, string>(), purpose)
                : await FindAsync(person.MergedInto.Value, purpose, ct);
            if (details is not null) found[person.Id] = details;
        }
        return found;
    }

    private static ContactDetails Details(Person person, IReadOnlyDictionary<string, string> consents, ContactPurpose purpose)
    {
        var personId = person.Id;
        var name = person.PreferredName ?? person.FullName;
        if (person.ErasedAt is not null) return new ContactDetails(personId, name, null, null, "This person's data has been erased.");
        if (string.IsNullOrWhiteSpace(person.Email)) return new ContactDetails(personId, name, null, person.PreferredLanguage, "No e-mail address is recorded.");

        var reason = consents.GetValueOrDefault(ConsentPurposes.Contact) switch
        {
            "given" => purpose == ContactPurpose.Reminders && consents.GetValueOrDefault(ConsentPurposes.Reminders) == "withdrawn"
                ? "They have withdrawn consent to reminders."
                : null,
            "withdrawn" => "They have withdrawn consent to contact.",
            _ => "They have not given consent to contact.",
        };
        return new ContactDetails(personId, name, reason is null ? person.Email : null, person.PreferredLanguage, reason);
    }
}
