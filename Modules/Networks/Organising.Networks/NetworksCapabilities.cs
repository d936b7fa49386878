using Microsoft.AspNetCore.Authorization;
using Organising.Platform.Identity;

namespace Organising.Networks;

/// <summary>
/// What each role may do here. Administrators act as Organisers: on a small install they are usually the same person.
/// Observers see aggregate numbers only, never a name.
/// </summary>
internal static class NetworksCapabilities
{
    public const string ViewReach = "networks.reach.view";
    public const string ManageNetworks = "networks.manage";
    public const string ViewPeople = "networks.people.view";
    public const string AddPeople = "networks.people.add";
    public const string ViewInstitutions = "networks.institutions.view";
    public const string EditInstitutions = "networks.institutions.edit";
    public const string SpecialCategory = "networks.people.special-category";
    public const string MergeAndErase = "networks.people.merge-erase";
    public const string Import = "networks.import";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ViewReach, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(ManageNetworks, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(ViewPeople, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(AddPeople, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(ViewInstitutions, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(EditInstitutions, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader));
        options.AddPolicy(SpecialCategory, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(MergeAndErase, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(Import, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
    }
}
