using System.Globalization;
using Organising.Teams.Areas.Teams.Pages.OneToOnes;

namespace Organising.Teams.Tests.OneToOnes;

/// <summary>Dates as the organisation sees them (Europe/London by default), and a complete command to vary.</summary>
internal static class OneToOneTestKit
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TeamsWorld world) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(world.Clock.GetUtcNow(), London).DateTime);

    /// <summary>Yesterday at 10:30, local time.</summary>
    public static DateTime Yesterday(TeamsWorld world) => Today(world).AddDays(-1).ToDateTime(new TimeOnly(10, 30));

    /// <summary>How due_at is stored for a follow-up on <paramref name="date"/>: 09:00 London, in UTC.</summary>
    public static string NineAm(DateOnly date)
    {
        var utc = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(9, 0)), London);
        return DapperTypeHandlers.ToDbText(new DateTimeOffset(utc, TimeSpan.Zero));
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static SaveOneToOne.Command Command(TeamsWorld world, Guid teamId, Guid metPersonId, DateOnly? followUp = null, string story = "Grew up on the estate; her mother's diabetes.") => new()
    {
        TeamId = teamId, MetPersonId = metPersonId, MetAt = Yesterday(world), Place = "Northfield café", Story = story,
        SelfInterest = "Better care for her mother", Talents = "Speaks Somali and English", Leads = "Her neighbour Amina",
        NextAsk = "Come to the house meeting", FollowUpOn = followUp,
    };
}
