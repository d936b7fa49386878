using System.Data;
using Dapper;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// Who may see a one-to-one, and who may see (and change) its notes. Organisers and Administrators: every one-to-one,
/// notes included. A Leader or Volunteer sees the one-to-ones of the teams they belong to, and those they held or
/// recorded; the notes (story, self-interest, talents, leads, next ask, and where they met) only of those they held or
/// recorded, or of the teams they lead. Observers see none. Every one-to-one query and command goes through here, so a
/// direct URL to a one-to-one outside these answers "not found", or shows no notes.
/// </summary>
internal sealed class OneToOneAccess
{
    private OneToOneAccess(bool seesAll, bool isObserver, Guid? personId, Guid? userId, IReadOnlySet<Guid> memberTeams, IReadOnlySet<Guid> ledTeams)
    {
        SeesAll = seesAll;
        IsObserver = isObserver;
        PersonId = personId;
        UserId = userId;
        MemberTeams = memberTeams;
        LedTeams = ledTeams;
    }

    public bool SeesAll { get; }
    public bool IsObserver { get; }
    public Guid? PersonId { get; }
    public Guid? UserId { get; }
    public IReadOnlySet<Guid> MemberTeams { get; }
    public IReadOnlySet<Guid> LedTeams { get; }

    public static async ValueTask<OneToOneAccess> ForAsync(TeamScope scope, CancellationToken ct) =>
        new(scope.SeesAllTeams, scope.IsObserver, await scope.PersonIdAsync(ct), scope.UserId,
            await scope.MemberTeamsAsync(ct), await scope.LedTeamsAsync(ct));

    /// <summary>The teams a one-to-one may be recorded for (null: any team).</summary>
    public IReadOnlySet<Guid>? RecordableTeams => SeesAll ? null : MemberTeams;

    /// <summary>May see the one-to-one happened (who, whom, when).</summary>
    public bool Sees(Guid? teamId, Guid heldBy, Guid? recordedBy) =>
        !IsObserver && (SeesAll || MaySeeNotes(teamId, heldBy, recordedBy) || (teamId is { } t && MemberTeams.Contains(t)));

    /// <summary>May read the notes, and edit or delete the one-to-one.</summary>
    public bool MaySeeNotes(Guid? teamId, Guid heldBy, Guid? recordedBy) =>
        !IsObserver && (SeesAll
            || (PersonId is { } person && heldBy == person)
            || (UserId is { } user && recordedBy == user)
            || (teamId is { } team && LedTeams.Contains(team)));

    /// <summary>A condition on teams_one_to_one aliased <c>o</c>: the rows the user may see. Adds its parameters.</summary>
    public string VisibleCondition(DynamicParameters parameters)
    {
        if (IsObserver) return "1 = 0";
        if (SeesAll) return "1 = 1";
        AddCommon(parameters);
        parameters.Add("accessMemberTeams", SqlText.IdList(MemberTeams), DbType.String);
        return "(o.team_id IN (SELECT value FROM json_each(@accessMemberTeams)) OR o.held_by = @accessPerson OR o.recorded_by = @accessUser OR o.team_id IN (SELECT value FROM json_each(@accessLedTeams)))";
    }

    /// <summary>An SQL expression, 1 or 0: whether the user may see the notes of the row <c>o</c>. Adds its parameters.</summary>
    public string NotesVisibleExpression(DynamicParameters parameters)
    {
        if (IsObserver) return "0";
        if (SeesAll) return "1";
        AddCommon(parameters);
        return "CASE WHEN o.held_by = @accessPerson OR o.recorded_by = @accessUser OR o.team_id IN (SELECT value FROM json_each(@accessLedTeams)) THEN 1 ELSE 0 END";
    }

    private void AddCommon(DynamicParameters parameters)
    {
        parameters.Add("accessPerson", PersonId?.ToString("D"), DbType.String);
        parameters.Add("accessUser", UserId?.ToString("D"), DbType.String);
        parameters.Add("accessLedTeams", SqlText.IdList(LedTeams), DbType.String);
    }
}
