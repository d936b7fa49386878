using Microsoft.AspNetCore.Authorization;
using Organising.Platform.Identity;

namespace Organising.Listening;

/// <summary>
/// What each role may do here, before campaign scoping (<see cref="ListeningScope"/>) narrows it to the campaigns of
/// particular teams. Administrators act as Organisers. Observers see tallies and the people's agenda: numbers and
/// issues, never a name or a story's text.
/// </summary>
internal static class ListeningCapabilities
{
    /// <summary>Campaign lists, tallies and charts (names and story text only where scope allows).</summary>
    public const string ViewListening = "listening.view";
    /// <summary>Record events and what was heard in campaigns the user's teams run.</summary>
    public const string RecordListening = "listening.record";
    /// <summary>Create and edit campaigns; Leaders only for the teams they lead (ListeningScope).</summary>
    public const string ManageCampaigns = "listening.campaigns.manage";
    public const string ManageThemes = "listening.themes.manage";
    /// <summary>Cut, score, vote on and prioritise candidate issues; Leaders only in their teams' campaigns.</summary>
    public const string CutIssues = "listening.workbench";
    /// <summary>Export what was heard with names and story text, and publish the people's agenda.</summary>
    public const string ExportPersonalData = "listening.export-personal";

    public static void Register(AuthorizationOptions options)
    {
        options.AddPolicy(ViewListening, p => p.RequireRole(Roles.All.ToArray()));
        options.AddPolicy(RecordListening, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader, Roles.Volunteer));
        options.AddPolicy(ManageCampaigns, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader));
        options.AddPolicy(ManageThemes, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(CutIssues, p => p.RequireRole(Roles.Administrator, Roles.Organiser, Roles.Leader));
        options.AddPolicy(ExportPersonalData, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
    }
}
