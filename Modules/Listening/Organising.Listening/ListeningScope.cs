using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Teams.Contracts;

namespace Organising.Listening;

/// <summary>
/// Which campaigns the current user reaches, by the team that runs each one (Teams' <see cref="GetUserTeams"/>).
/// <list type="bullet">
/// <item>Organisers and Administrators: every campaign, everything in it.</item>
/// <item>A Leader manages the campaigns of the teams they lead: sees and edits everything in them.</item>
/// <item>A member of the running team (a Volunteer, or a Leader in a team they do not lead) records events in its
/// campaigns and sees the events they recorded themselves.</item>
/// <item>Observers see every campaign's numbers and the people's agenda, never a name or a story's text.</item>
/// </list>
/// Handlers check it themselves, so a direct URL to another team's campaign or event answers "not found".
/// </summary>
internal sealed class ListeningScope(ICurrentUser user, ISender sender)
{
    private UserTeams? _teams;

    public bool SeesAll => user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Organiser);

    public bool IsObserver => user.IsInRole(Roles.Observer) && !SeesAll;

    public Guid? UserId => user.Id;

    /// <summary>Teams the user leads, holding the Leader role.</summary>
    public async ValueTask<IReadOnlySet<Guid>> LedTeamsAsync(CancellationToken ct) =>
        user.IsInRole(Roles.Leader) ? (await TeamsAsync(ct)).Leads : UserTeams.None.Leads;

    public async ValueTask<IReadOnlySet<Guid>> MemberTeamsAsync(CancellationToken ct) => (await TeamsAsync(ct)).MemberOf;

    /// <summary>May edit the campaign run by <paramref name="teamId"/> and see everything recorded in it.</summary>
    public async ValueTask<bool> ManagesAsync(Guid teamId, CancellationToken ct) =>
        SeesAll || (await LedTeamsAsync(ct)).Contains(teamId);

    /// <summary>May record events in the campaign (Volunteers and Leaders in the running team, and managers).</summary>
    public async ValueTask<bool> RecordsInAsync(Guid teamId, CancellationToken ct) =>
        await ManagesAsync(teamId, ct) || (!IsObserver && (await MemberTeamsAsync(ct)).Contains(teamId));

    /// <summary>May see the campaign in lists and its tallies (Observers: numbers only).</summary>
    public async ValueTask<bool> SeesCampaignAsync(Guid teamId, CancellationToken ct) =>
        IsObserver || await RecordsInAsync(teamId, ct);

    /// <summary>May see an event, its names and what was heard: managers, and whoever recorded it.</summary>
    public async ValueTask<bool> SeesEventAsync(Guid teamId, Guid? recordedBy, CancellationToken ct) =>
        await ManagesAsync(teamId, ct) || (recordedBy is not null && recordedBy == user.Id && await RecordsInAsync(teamId, ct));

    /// <summary>Tells apart results that differ by which campaigns the user sees, for keys in the ReadCache.</summary>
    public string CacheKey => SeesAll ? "all" : IsObserver ? "observer" : $"user:{user.Id}";

    /// <summary>
    /// A condition on a campaign table aliased <c>c</c>, adding its parameter: every campaign for Organisers and
    /// Observers, else the campaigns of the user's teams.
    /// </summary>
    public async ValueTask<string> CampaignConditionAsync(DynamicParameters parameters, CancellationToken ct)
    {
        if (SeesAll || IsObserver) return "1 = 1";
        parameters.Add("scopeTeams", SqlText.IdList(await MemberTeamsAsync(ct)), System.Data.DbType.String);
        return "c.team_id IN (SELECT value FROM json_each(@scopeTeams))";
    }

    /// <summary>
    /// A condition on an event table aliased <c>e</c> joined to its campaign <c>c</c>: the events whose names and
    /// heard rows the user may see (every one for Organisers; a Leader's led teams; else the user's own records;
    /// none for Observers).
    /// </summary>
    public async ValueTask<string> EventConditionAsync(DynamicParameters parameters, CancellationToken ct)
    {
        if (SeesAll) return "1 = 1";
        if (IsObserver) return "1 = 0";
        parameters.Add("scopeLed", SqlText.IdList(await LedTeamsAsync(ct)), System.Data.DbType.String);
        parameters.Add("scopeMember", SqlText.IdList(await MemberTeamsAsync(ct)), System.Data.DbType.String);
        parameters.Add("scopeUser", user.Id?.ToString() ?? "", System.Data.DbType.String);
        return "(c.team_id IN (SELECT value FROM json_each(@scopeLed)) OR (e.recorded_by = @scopeUser AND c.team_id IN (SELECT value FROM json_each(@scopeMember))))";
    }

    private async ValueTask<UserTeams> TeamsAsync(CancellationToken ct) =>
        _teams ??= user.Id is { } userId ? await sender.Send(new GetUserTeams(userId), ct) : UserTeams.None;
}
