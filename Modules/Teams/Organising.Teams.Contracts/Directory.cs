using Mediator;

namespace Organising.Teams.Contracts;

/// <summary>
/// The teams a user's person belongs to, and those where they are marked as leading. Later modules scope their
/// records by the team that runs them (a listening campaign, a research action) and ask this; whether a user may
/// act as a Leader also depends on their role, which the asking module checks.
/// </summary>
public sealed record GetUserTeams(Guid UserId) : IQuery<UserTeams>;

public sealed record UserTeams(Guid? PersonId, IReadOnlySet<Guid> MemberOf, IReadOnlySet<Guid> Leads)
{
    public static readonly UserTeams None = new(null, new HashSet<Guid>(), new HashSet<Guid>());
}

/// <summary>Every team, by name (names and statuses only: no person).</summary>
public sealed record ListTeams : IQuery<IReadOnlyList<TeamSummary>>;

public sealed class TeamSummary
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public Guid? NetworkId { get; init; }
    public string Status { get; init; } = "";
}

/// <summary>The people who are members of a team (empty when there is no such team).</summary>
public sealed record GetTeamMembers(Guid TeamId) : IQuery<IReadOnlyList<Guid>>;
