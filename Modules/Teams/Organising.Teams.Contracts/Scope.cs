using Mediator;

namespace Organising.Teams.Contracts;

/// <summary>
/// What a user reaches through the teams they lead: the networks those teams focus on and the people who are
/// members of them or in their pipelines. Networks asks it so a Leader sees the people in their teams' networks.
/// </summary>
public sealed record GetLeaderReach(Guid UserId) : IQuery<LeaderReach>;

public sealed record LeaderReach(IReadOnlyList<Guid> NetworkIds, IReadOnlyList<Guid> PersonIds)
{
    public static readonly LeaderReach None = new([], []);
}
