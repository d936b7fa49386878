using Dapper;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.PersonalData;

namespace Organising.Teams;

/// <summary>
/// Which teams the current user reaches. Organisers and Administrators: every team. A Leader manages the teams whose
/// member they are with "leads" set; a Volunteer (and a Leader) sees the teams they belong to. A user is the person
/// with their account's e-mail address (<see cref="UserPeople"/>). Observers see every team's numbers, never a name.
/// Handlers check it themselves, so a direct URL to another team's page answers "not found".
/// </summary>
internal sealed class TeamScope(ICurrentUser user, UserPeople people, DbSession session)
{
    private const string MembershipsSql = "SELECT team_id AS TeamId, leads AS Leads FROM teams_member WHERE person_id = @personId";

    private Memberships? _memberships;

    public bool SeesAllTeams => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    public bool IsObserver => user.IsInRole(Roles.Observer) && !SeesAllTeams;

    public Guid? UserId => user.Id;

    /// <summary>The person the user is, or null (no person, or several, with their e-mail address).</summary>
    public async ValueTask<Guid?> PersonIdAsync(CancellationToken ct) => (await MembershipsAsync(ct)).PersonId;

    /// <summary>Teams the user leads (and, holding the Leader role, manages).</summary>
    public async ValueTask<IReadOnlySet<Guid>> LedTeamsAsync(CancellationToken ct) =>
        user.IsInRole(Roles.Leader) ? (await MembershipsAsync(ct)).Led : new HashSet<Guid>();

    /// <summary>Teams the user belongs to, led or not.</summary>
    public async ValueTask<IReadOnlySet<Guid>> MemberTeamsAsync(CancellationToken ct) => (await MembershipsAsync(ct)).All;

    /// <summary>May change the team: its details, members, pipeline and sessions.</summary>
    public async ValueTask<bool> ManagesAsync(Guid teamId, CancellationToken ct) =>
        SeesAllTeams || (await LedTeamsAsync(ct)).Contains(teamId);

    /// <summary>May see the team's page with its members' names.</summary>
    public async ValueTask<bool> SeesMembersAsync(Guid teamId, CancellationToken ct) =>
        SeesAllTeams || (await MemberTeamsAsync(ct)).Contains(teamId);

    /// <summary>May see the team in lists, with numbers only for Observers.</summary>
    public async ValueTask<bool> SeesAsync(Guid teamId, CancellationToken ct) =>
        IsObserver || await SeesMembersAsync(teamId, ct);

    /// <summary>Tells apart results that differ by which teams the user sees, for keys in the ReadCache.</summary>
    public string CacheKey => SeesAllTeams || IsObserver ? "all-teams" : $"teams-of:{user.Id}";

    /// <summary>
    /// A condition on a teams table aliased <c>t</c>, adding its parameter: every team for Organisers and Observers,
    /// else the user's own teams.
    /// </summary>
    public async ValueTask<string> TeamConditionAsync(DynamicParameters parameters, CancellationToken ct)
    {
        if (SeesAllTeams || IsObserver) return "1 = 1";
        parameters.Add("scopeTeams", SqlText.IdList(await MemberTeamsAsync(ct)), System.Data.DbType.String);
        return "t.id IN (SELECT value FROM json_each(@scopeTeams))";
    }

    private async ValueTask<Memberships> MembershipsAsync(CancellationToken ct)
    {
        if (_memberships is not null) return _memberships;
        var personId = user.Id is { } userId ? await people.PersonOfUserAsync(userId, ct) : null;
        var (all, led) = personId is { } id ? await TeamsOfPersonAsync(session, id, ct) : (new HashSet<Guid>(), new HashSet<Guid>());
        _memberships = new Memberships(personId, all, led);
        return _memberships;
    }

    /// <summary>The teams a person belongs to, and those they are marked as leading (Teams.Contracts' GetUserTeams answers with it too).</summary>
    internal static async Task<(IReadOnlySet<Guid> All, IReadOnlySet<Guid> Led)> TeamsOfPersonAsync(DbSession session, Guid personId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var rows = (await connection.QueryAsync<MembershipRow>(new CommandDefinition(MembershipsSql, new { personId }, session.Transaction, cancellationToken: ct))).ToList();
        return (rows.Select(r => r.TeamId).ToHashSet(), rows.Where(r => r.Leads == 1).Select(r => r.TeamId).ToHashSet());
    }

    private sealed class MembershipRow
    {
        public Guid TeamId { get; init; }
        public long Leads { get; init; }
    }

    private sealed record Memberships(Guid? PersonId, IReadOnlySet<Guid> All, IReadOnlySet<Guid> Led);
}
