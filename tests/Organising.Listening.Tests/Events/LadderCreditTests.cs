using System.Globalization;
using Organising.Listening.Areas.Listening.Pages.Events;
using Organising.Listening.Events;

namespace Organising.Listening.Tests.Events;

/// <summary>A house meeting scheduled ahead counts for its host once it has taken place, without anyone saving it again.</summary>
public sealed class LadderCreditTests : WorldFixture
{
    [TearDown]
    public void PutTheClockBack() => World.Clock.Reset();

    private async Task<long> ActivityCount(string sourceKey, Guid personId, string activity) =>
        await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key = @sourceKey AND person_id = @person AND activity = @activity",
            new { sourceKey, person = personId.ToString(), activity });

    [Test]
    public async Task The_hourly_credit_counts_a_house_meeting_and_its_testimonies_once_their_time_has_passed()
    {
        var host = World.PersonOf["Volunteer"];
        var teller = World.PersonOf["Leader"];
        var saved = await World.SendAsAsync(World.Organiser, new RecordEvent.Command
        {
            CampaignId = World.CampaignA, Type = "house-meeting", HostPersonId = host, Headcount = 9, Time = new TimeOnly(18, 30),
            Date = DateOnly.ParseExact(World.Date(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Rows = [new() { Kind = "issue", Text = "Interpreters", Themes = "COM" }, new() { Kind = "testimony", Text = "I waited three hours.", Consent = "public", TellerPersonId = teller }],
        });
        var hostKey = ListeningKeys.HostActivity(saved.EventId);

        Assert.That(await World.SendAsAsync(World.Organiser, new CreditHeldEvents.Command()), Is.Zero, "nothing has taken place yet");
        Assert.That(await ActivityCount(hostKey, host, "hosted-house-meeting"), Is.Zero);

        World.Clock.Advance(TimeSpan.FromDays(3));
        Assert.That(await World.SendAsAsync(World.Organiser, new CreditHeldEvents.Command()), Is.EqualTo(2));
        Assert.That(await ActivityCount(hostKey, host, "hosted-house-meeting"), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE person_id = @teller AND activity = 'gave-testimony' AND source_key LIKE 'listening.story.%'",
            new { teller = teller.ToString() }), Is.EqualTo(1));

        Assert.That(await World.SendAsAsync(World.Organiser, new CreditHeldEvents.Command()), Is.EqualTo(2), "a second run reports them again");
        Assert.That(await ActivityCount(hostKey, host, "hosted-house-meeting"), Is.EqualTo(1), "…under the same key, so they count once");

        World.Clock.Advance(CreditHeldEvents.LookBack);
        Assert.That(await World.SendAsAsync(World.Organiser, new CreditHeldEvents.Command()), Is.Zero, "older meetings were credited when their time came");
    }
}
