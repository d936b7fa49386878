namespace Organising.Platform.PersonalData;

/// <summary>
/// What one module holds about a person, for a subject-access export. Each module that stores
/// personal data implements <see cref="IPersonalDataSource"/>; the export gathers them all.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Null when the module holds nothing about this person.</summary>
    ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct);
}

public sealed record PersonalDataSection(string Module, string Heading, IReadOnlyList<PersonalDataRecord> Records);

/// <summary>One record (a profile, a consent, a note) as labelled values, in the order a reader expects them.</summary>
public sealed record PersonalDataRecord(string Kind, IReadOnlyList<KeyValuePair<string, string?>> Fields);
