namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>The kinds of member institution, and how they belong: the codes are those of the table's CHECK constraints.</summary>
internal static class InstitutionTypes
{
    public static readonly IReadOnlyList<string> All =
        ["faith", "residents", "gp", "school", "charity", "support-group", "hospital-department", "local-authority", "other"];

    public static string Describe(string type) => type switch
    {
        "faith" => "Faith institution",
        "residents" => "Residents' association",
        "gp" => "GP surgery",
        "school" => "School",
        "charity" => "Charity or voluntary group",
        "support-group" => "Support group",
        "hospital-department" => "Hospital department",
        "local-authority" => "Local authority",
        "other" => "Other",
        _ => type,
    };
}

internal static class Memberships
{
    public const string Member = "member";
    public const string Partner = "partner";
    public const string Prospect = "prospect";

    public static readonly IReadOnlyList<string> All = [Member, Partner, Prospect];

    public static string Describe(string membership) => membership switch
    {
        Member => "Dues-paying member",
        Partner => "Partner",
        Prospect => "Prospect",
        _ => membership,
    };
}
