namespace Organising.Teams;

/// <summary>A team's status: forming, active, paused or closed (the codes stored in teams_team.status).</summary>
internal static class TeamStatuses
{
    public const string Forming = "forming";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Forming, Active, Paused, Closed];

    public static string Describe(string status) => status switch
    {
        Forming => "Forming",
        Active => "Active",
        Paused => "Paused",
        Closed => "Closed",
        _ => status,
    };
}

/// <summary>A member's role in a team (the codes stored in teams_member.role).</summary>
internal static class TeamRoles
{
    public const string ClinicalLead = "clinical-lead";
    public const string CommunityChampion = "community-champion";
    public const string Organiser = "organiser";
    public const string Volunteer = "volunteer";

    public static readonly IReadOnlyList<string> All = [ClinicalLead, CommunityChampion, Organiser, Volunteer];

    public static string Describe(string role) => role switch
    {
        ClinicalLead => "Clinical lead",
        CommunityChampion => "Community champion",
        Organiser => "Organiser",
        Volunteer => "Volunteer",
        _ => role,
    };
}

/// <summary>The recruitment pipeline's stages, in order (the codes stored in teams_recruit.stage).</summary>
internal static class PipelineStages
{
    public const string Prospect = "prospect";
    public const string Contacted = "contacted";
    public const string OneToOne = "one-to-one";
    public const string Trained = "trained";
    public const string Active = "active";
    public const string Leader = "leader";

    public static readonly IReadOnlyList<string> All = [Prospect, Contacted, OneToOne, Trained, Active, Leader];

    public static int Position(string stage) => All.ToList().IndexOf(stage);

    public static string Describe(string stage) => stage switch
    {
        Prospect => "Prospect",
        Contacted => "Contacted",
        OneToOne => "One-to-one held",
        Trained => "Trained",
        Active => "Active",
        Leader => "Leader",
        _ => stage,
    };
}
