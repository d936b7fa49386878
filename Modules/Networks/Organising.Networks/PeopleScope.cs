using Organising.Platform.Identity;

namespace Organising.Networks;

/// <summary>
/// Which people the current user may see. Every query over networks_person adds <see cref="SqlFilter"/>
/// with <see cref="Parameters"/>, so someone else's record by id answers "not found", never their data.
/// </summary>
internal sealed class PeopleScope(ICurrentUser user)
{
    public bool SeesEveryone => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser) || user.IsInRole(Roles.Leader);

    /// <summary>Volunteers see the people they added; Observers and the signed-out see nobody.</summary>
    public bool SeesOwnOnly => !SeesEveryone && user.IsInRole(Roles.Volunteer);

    public bool SeesSpecialCategory => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    /// <summary>Merging, erasing and subject-access exports: the handlers check it too, whatever page sent them.</summary>
    public bool MayMergeAndErase => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    /// <summary>A condition on a people table aliased <c>p</c>. Parameters: @scopeAll, @scopeUser.</summary>
    public const string SqlFilter = "(@scopeAll = 1 OR (@scopeUser IS NOT NULL AND p.created_by = @scopeUser))";

    /// <summary>
    /// The scope as one constant condition on <c>p</c> (adding @scopeUser when needed). Unlike <see cref="SqlFilter"/>
    /// it leaves the planner free to use indexes, which matters on the long lists.
    /// </summary>
    public string Condition(Dapper.DynamicParameters parameters)
    {
        if (SeesEveryone) return "1 = 1";
        if (!SeesOwnOnly) return "1 = 0";
        parameters.Add("scopeUser", user.Id?.ToString("D"), System.Data.DbType.String);
        return "p.created_by = @scopeUser";
    }

    /// <summary>The query's own parameters plus the scope's.</summary>
    public Dapper.DynamicParameters With(object? args = null)
    {
        var parameters = new Dapper.DynamicParameters(args);
        parameters.Add("scopeAll", SeesEveryone ? 1 : 0);
        // Typed even when null: PostgreSQL cannot tell the type of a bare NULL in "@scopeUser IS NOT NULL".
        parameters.Add("scopeUser", SeesOwnOnly ? user.Id?.ToString("D") : null, System.Data.DbType.String);
        return parameters;
    }

    public Guid? UserId => user.Id;

    /// <summary>Tells apart results that differ by scope, for keys in the ReadCache.</summary>
    public string CacheKey => SeesEveryone ? "everyone" : SeesOwnOnly ? $"added-by:{user.Id}" : "nobody";
}
