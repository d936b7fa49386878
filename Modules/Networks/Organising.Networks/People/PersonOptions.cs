using Organising.Platform.Settings;

namespace Organising.Networks.People;

/// <summary>The fixed lists a person's record chooses from, with the words shown for each.</summary>
internal static class PersonOptions
{
    public static readonly IReadOnlyList<string> Roles = ["patient", "carer", "resident", "clinician", "staff", "other"];
    public static readonly IReadOnlyList<string> ContactChannels = ["email", "phone", "text", "post", "in-person"];
    public static readonly IReadOnlyList<string> AffiliationRoles = ["member", "leader"];

    /// <summary>The value of the language list's "another language" choice; the language itself is then typed.</summary>
    public const string OtherLanguage = "other";

    public static string DescribeRole(string role) => role switch
    {
        "patient" => "Patient",
        "carer" => "Carer",
        "resident" => "Resident",
        "clinician" => "Clinician",
        "staff" => "Staff",
        "other" => "Other",
        _ => role,
    };

    public static string DescribeChannel(string? channel) => channel switch
    {
        null or "" => "",
        "email" => "E-mail",
        "phone" => "Phone call",
        "text" => "Text message",
        "post" => "Post",
        "in-person" => "In person",
        _ => channel,
    };

    public static string DescribeConsentChannel(string channel) => channel switch
    {
        "paper" => "On paper",
        "verbal" => "Verbally",
        "online" => "Online",
        _ => channel,
    };

    public static bool IsKnownLanguage(string? code) => OrganisationSettings.Languages.Any(l => l.Code == code);

    /// <summary>A known language's name, or the language as it was typed.</summary>
    public static string DescribeLanguage(string? language) =>
        OrganisationSettings.Languages.FirstOrDefault(l => l.Code == language).Name ?? language ?? "";
}
