namespace Organising.Platform.Calendar;

/// <summary>
/// A calendar feed's secret is a <see cref="Identity.SecretTokens"/> token in the feed's address. The table keeps its hash
/// to find the feed and a Data Protection copy so the owner can see the link again.
/// </summary>
public static class FeedTokens
{
    /// <summary>Data Protection purpose for the stored copy.</summary>
    public const string ProtectionPurpose = "Organising.Platform.Calendar.FeedToken";

    public static string PathOf(string token) => $"/calendar/{token}.ics";
}
