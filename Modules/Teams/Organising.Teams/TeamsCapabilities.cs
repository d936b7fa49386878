using Microsoft.AspNetCore.Authorization;
using Organising.Platform.Identity;

namespace Organising.Teams;

/// <summary>
/// What each role may do here, before team scoping (<see cref="TeamScope"/>) narrows it to particular teams.
/// Administrators act as Organisers. Observers see teams' numbers, never a name or a note.
/// </summary>
internal static class TeamsCapabilities
{
    public const string ViewTeams = "teams.view";
    public const string CreateTeams = "teams.create";
    /// <summary>Edit a team, its members and its pipeline: Organisers everywhere, Leaders the teams they lead (TeamScope).</summary>
    public const string ManageTeams = "teams.manage";
    public const string RecordOneToOnes = "teams.one-to-ones.record";
    public const string ViewTraining = "teams.training.view";
    public const string ManageTraining = "teams.training.manage";
    public const string EditCurriculum = "teams.curriculum.edit";
    public const string ViewLadders = "teams.ladders.view";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ViewTeams, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(CreateTeams, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(ManageTeams, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader));
        options.AddPolicy(RecordOneToOnes, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(ViewTraining, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(ManageTraining, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader));
        options.AddPolicy(EditCurriculum, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(ViewLadders, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
    }
}
