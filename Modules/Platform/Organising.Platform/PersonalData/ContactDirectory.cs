namespace Organising.Platform.PersonalData;

/// <summary>Why the product wants to contact someone; each maps to a consent purpose in the module that owns people.</summary>
public enum ContactPurpose
{
    Organising,
    Reminders,
}

/// <summary>How to reach a person, or why not. Null Email with a Reason means: do not contact.</summary>
public sealed record ContactDetails(Guid PersonId, string Name, string? Email, string? PreferredLanguage, string? Reason)
{
    public bool CanContact => Email is not null && Reason is null;
}

/// <summary>
/// Platform's way to find a person's e-mail address for a message (reminders) without knowing which
/// module owns people. Implemented by the Networks module, which honours withdrawn consent.
/// </summary>
public interface IContactDirectory
{
    ValueTask<ContactDetails?> FindAsync(Guid personId, ContactPurpose purpose, CancellationToken ct);

    /// <summary>
    /// <see cref="FindAsync"/> for several people at once (a batch of reminders), keyed by the id asked for; a person
    /// not recorded is left out.
    /// </summary>
    ValueTask<IReadOnlyDictionary<Guid, ContactDetails>> FindManyAsync(IReadOnlyCollection<Guid> personIds, ContactPurpose purpose, CancellationToken ct);

    /// <summary>The one current person with this e-mail address; null when there is none, or more than one.</summary>
    ValueTask<Guid?> FindPersonByEmailAsync(string email, CancellationToken ct);

    /// <summary>Up to <paramref name="limit"/> current people whose name (or e-mail address) contains <paramref name="search"/>:
    /// for searching Platform's records, which hold only person ids, by the person's name.</summary>
    ValueTask<IReadOnlyList<Guid>> FindPeopleAsync(string search, int limit, CancellationToken ct);
}
