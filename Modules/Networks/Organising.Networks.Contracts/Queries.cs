using Mediator;

namespace Organising.Networks.Contracts;

/// <summary>A person as other modules may show them: a name and where they are, nothing more.</summary>
public sealed class PersonSummary
{
    public Guid Id { get; init; }
    public string DisplayName { get; init; } = "";
    public string? Postcode { get; init; }
    public bool IsErased { get; init; }
}

public sealed class NetworkSummary
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Kind { get; init; } = "";
    public bool IsArchived { get; init; }
}

public sealed class InstitutionSummary
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Type { get; init; } = "";
    public string Membership { get; init; } = "";
}

/// <summary>Summaries of the given people, in no particular order; unknown ids are left out.</summary>
public sealed record GetPeopleByIds(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyList<PersonSummary>>;

/// <summary>
/// Summaries of those of the given people the current user may see in Networks (current, not erased or merged), for a
/// command that links someone by id: an id the user could not have found by search answers as unknown.
/// </summary>
public sealed record GetVisiblePeople(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyList<PersonSummary>>;

/// <summary>For person pickers: people whose name, e-mail, phone or postcode contains the text, within what the current user may see.</summary>
public sealed record SearchPeople(string Text, int Limit = 20) : IQuery<IReadOnlyList<PersonSummary>>;

public sealed record ListNetworks(bool IncludeArchived = false) : IQuery<IReadOnlyList<NetworkSummary>>;

public sealed record ListInstitutions(Guid? NetworkId = null) : IQuery<IReadOnlyList<InstitutionSummary>>;
