namespace Organising.Listening.Events;

/// <summary>The words of listening events and what was heard at them: types, kinds of row and consent.</summary>
internal static class EventTypes
{
    public const string OneToOne = "one-to-one";
    public const string HouseMeeting = "house-meeting";
    public const string DepartmentSession = "department-session";
    public const string StreetStall = "street-stall";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [HouseMeeting, OneToOne, DepartmentSession, StreetStall, Other];

    public static string Describe(string type) => type switch
    {
        OneToOne => "One-to-one",
        HouseMeeting => "House meeting",
        DepartmentSession => "Listening session with a hospital department",
        StreetStall => "Street stall",
        Other => "Other",
        _ => type,
    };
}

/// <summary>What a row of a report-back form holds: an issue raised, or a story, testimony or quote.</summary>
internal static class HeardKinds
{
    public const string Issue = "issue";
    public const string Story = "story";
    public const string Testimony = "testimony";
    public const string Quote = "quote";

    public static readonly IReadOnlyList<string> All = [Issue, Story, Testimony, Quote];

    public static bool IsStory(string? kind) => kind is Story or Testimony or Quote;

    public static string Describe(string kind) => kind switch
    {
        Issue => "Issue",
        Story => "Story",
        Testimony => "Testimony",
        Quote => "Quote",
        _ => kind,
    };
}

/// <summary>Consent to share a story: publicly, within the alliance, or not at all. There is no default.</summary>
internal static class StoryConsents
{
    public const string Public = "public";
    public const string Alliance = "alliance";
    public const string None = "none";

    public static readonly IReadOnlyList<string> All = [Public, Alliance, None];

    public static string Describe(string consent) => consent switch
    {
        Public => "May be shared publicly",
        Alliance => "Within the alliance only",
        None => "Not to be shared",
        _ => consent,
    };

    /// <summary>The short label on the grid's select.</summary>
    public static string Short(string consent) => consent switch
    {
        Public => "Public",
        Alliance => "Alliance",
        None => "None",
        _ => consent,
    };
}

/// <summary>The part a person played at an event.</summary>
internal static class EventRoles
{
    public const string Facilitator = "facilitator";
    public const string Participant = "participant";
}
