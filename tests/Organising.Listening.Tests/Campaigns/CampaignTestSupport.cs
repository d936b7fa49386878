namespace Organising.Listening.Tests.Campaigns;

/// <summary>Small helpers the campaign tests share (kept here so the shared world stays as it is).</summary>
internal static class CampaignTestSupport
{
    public static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    public static async Task<int> AuditCountAsync(this ListeningWorld world, string kind, Guid subject) =>
        (int)await world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id", new { kind, id = subject.ToString() });

    /// <summary>Today in London as the app's clock has it, shifted, as a DateOnly.</summary>
    public static DateOnly Day(this ListeningWorld world, int days = 0) =>
        DateOnly.ParseExact(world.Date(days), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
