using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Teams.Contracts;

namespace Organising.Networks;

/// <summary>
/// Which people the current user may see. Every query over networks_person adds <see cref="SqlFilter"/>
/// with the parameters of <see cref="WithAsync"/>, so someone else's record by id answers "not found", never their data.
/// Organisers and Administrators see everyone. A Leader sees the people they added and those their teams reach
/// (the people in the networks of the teams they lead, and those teams' members and recruits: Teams' <see cref="GetLeaderReach"/>).
/// A Volunteer sees the people they added; Observers and the signed-out see nobody.
/// </summary>
internal sealed class PeopleScope(ICurrentUser user, ISender sender)
{
    private LeaderReach? _reach;

    public bool SeesEveryone => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    /// <summary>A Leader: the people they added and their teams' reach.</summary>
    public bool SeesTeamReach => !SeesEveryone && user.IsInRole(Roles.Leader);

    /// <summary>Volunteers see the people they added.</summary>
    public bool SeesOwnOnly => !SeesEveryone && !SeesTeamReach && user.IsInRole(Roles.Volunteer);

    /// <summary>Everyone but Observers may add people (and then see them).</summary>
    public bool MayAddPeople => SeesEveryone || SeesTeamReach || SeesOwnOnly;

    public bool SeesSpecialCategory => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    /// <summary>Merging, erasing and subject-access exports: the handlers check it too, whatever page sent them.</summary>
    public bool MayMergeAndErase => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    /// <summary>A condition on a people table aliased <c>p</c>. Parameters: @scopeAll, @scopeUser, @scopeNetworks, @scopePeople.</summary>
    public const string SqlFilter = """
        (@scopeAll = 1 OR (@scopeUser IS NOT NULL AND p.created_by = @scopeUser)
         OR p.id IN (SELECT value FROM json_each(@scopePeople))
         OR EXISTS (SELECT 1 FROM networks_person_network scope_pn
                    WHERE scope_pn.person_id = p.id AND scope_pn.network_id IN (SELECT value FROM json_each(@scopeNetworks))))
        """;

    /// <summary>
    /// The scope as one condition on <c>p</c> (adding its parameters). Unlike <see cref="SqlFilter"/> it is constant
    /// for Organisers and Volunteers, which leaves the planner free to use indexes on the long lists.
    /// </summary>
    public async ValueTask<string> ConditionAsync(Dapper.DynamicParameters parameters, CancellationToken ct)
    {
        if (SeesEveryone) return "1 = 1";
        if (SeesOwnOnly)
        {
            parameters.Add("scopeUser", user.Id?.ToString("D"), System.Data.DbType.String);
            return "p.created_by = @scopeUser";
        }
        if (!SeesTeamReach) return "1 = 0";
        await AddReachAsync(parameters, ct);
        return SqlFilter.Replace("@scopeAll = 1", "1 = 0");
    }

    /// <summary>The query's own parameters plus the scope's.</summary>
    public async ValueTask<Dapper.DynamicParameters> WithAsync(object? args, CancellationToken ct)
    {
        var parameters = new Dapper.DynamicParameters(args);
        parameters.Add("scopeAll", SeesEveryone ? 1 : 0);
        await AddReachAsync(parameters, ct);
        return parameters;
    }

    public ValueTask<Dapper.DynamicParameters> WithAsync(CancellationToken ct) => WithAsync(null, ct);

    private async ValueTask AddReachAsync(Dapper.DynamicParameters parameters, CancellationToken ct)
    {
        // Typed even when null: PostgreSQL cannot tell the type of a bare NULL in "@scopeUser IS NOT NULL".
        parameters.Add("scopeUser", SeesOwnOnly || SeesTeamReach ? user.Id?.ToString("D") : null, System.Data.DbType.String);
        var reach = await ReachAsync(ct);
        parameters.Add("scopeNetworks", SqlText.IdList(reach.NetworkIds), System.Data.DbType.String);
        parameters.Add("scopePeople", SqlText.IdList(reach.PersonIds), System.Data.DbType.String);
    }

    private async ValueTask<LeaderReach> ReachAsync(CancellationToken ct)
    {
        if (!SeesTeamReach || user.Id is not { } userId) return LeaderReach.None;
        return _reach ??= await sender.Send(new GetLeaderReach(userId), ct);
    }

    public Guid? UserId => user.Id;

    /// <summary>Tells apart results that differ by scope, for keys in the ReadCache.</summary>
    public string CacheKey => SeesEveryone ? "everyone" : SeesTeamReach ? $"leader:{user.Id}" : SeesOwnOnly ? $"added-by:{user.Id}" : "nobody";
}
