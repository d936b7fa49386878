using Microsoft.AspNetCore.Authorization;

namespace Organising.Platform.Identity;

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Organiser = "Organiser";
    public const string Leader = "Leader";
    public const string Volunteer = "Volunteer";
    public const string Observer = "Observer";

    public static readonly IReadOnlyList<string> All = [Administrator, Organiser, Leader, Volunteer, Observer];

    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    public static string Describe(string role) => role switch
    {
        Administrator => "Administrator: user accounts, roles, settings and backups",
        Organiser => "Organiser: runs the programme and sees everything",
        Leader => "Leader: runs a team",
        Volunteer => "Volunteer: records conversations, sees their own tasks",
        Observer => "Observer: read-only dashboards, no personal data",
        _ => role,
    };
}

/// <summary>Authorisation policies, named by what they allow rather than by role.</summary>
public static class Capabilities
{
    public const string ManageUsers = "users.manage";
    public const string InviteUsers = "users.invite";
    public const string ManageSettings = "settings.manage";
    public const string ViewAudit = "audit.view";
    public const string ViewMessages = "messages.view";
    public const string ViewJobs = "jobs.view";
    public const string ManageReminders = "reminders.manage";

    public static void Register(AuthorizationOptions options)
    {
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(ManageUsers, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(InviteUsers, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
        options.AddPolicy(ManageSettings, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ViewAudit, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ViewMessages, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ViewJobs, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(ManageReminders, p => p.RequireRole(Roles.Administrator, Roles.Organiser));
    }

    /// <summary>Roles an inviter may hand out: only Administrators create Administrators.</summary>
    public static IReadOnlyList<string> RolesGrantableBy(string inviterRole) =>
        inviterRole == Roles.Administrator ? Roles.All : Roles.All.Where(r => r != Roles.Administrator).ToList();
}
