using Microsoft.Extensions.DependencyInjection;

namespace Organising.Listening.Tests.Scoping;

/// <summary>Who reaches which team's campaigns and events: the rule every Listening handler applies.</summary>
public sealed class ListeningScopeTests : WorldFixture
{
    private Task<T> AsScope<T>(AppWorld.User user, Func<ListeningScope, Task<T>> check) =>
        World.AsAsync(user, (_, services) => check(services.GetRequiredService<ListeningScope>()));

    [Test]
    public async Task A_Leader_manages_the_campaigns_of_the_team_they_lead_and_no_other()
    {
        Assert.That(await AsScope(World.Leader, async s => await s.ManagesAsync(World.TeamA, default)), Is.True);
        Assert.That(await AsScope(World.Leader, async s => await s.ManagesAsync(World.TeamB, default)), Is.False);
        Assert.That(await AsScope(World.Leader, async s => await s.SeesCampaignAsync(World.TeamB, default)), Is.False);
    }

    [Test]
    public async Task A_Volunteer_records_in_their_team_and_sees_only_the_events_they_recorded()
    {
        Assert.That(await AsScope(World.Volunteer, async s => await s.RecordsInAsync(World.TeamA, default)), Is.True);
        Assert.That(await AsScope(World.Volunteer, async s => await s.ManagesAsync(World.TeamA, default)), Is.False);
        Assert.That(await AsScope(World.Volunteer, async s => await s.RecordsInAsync(World.TeamB, default)), Is.False);
        Assert.That(await AsScope(World.Volunteer, async s => await s.SeesEventAsync(World.TeamA, World.Volunteer.Id, default)), Is.True);
        Assert.That(await AsScope(World.Volunteer, async s => await s.SeesEventAsync(World.TeamA, World.Leader.Id, default)), Is.False);
    }

    [Test]
    public async Task An_Observer_sees_every_campaign_but_no_event()
    {
        Assert.That(await AsScope(World.Observer, async s => await s.SeesCampaignAsync(World.TeamB, default)), Is.True);
        Assert.That(await AsScope(World.Observer, async s => await s.SeesEventAsync(World.TeamB, World.Observer.Id, default)), Is.False);
        Assert.That(await AsScope(World.Observer, async s => await s.RecordsInAsync(World.TeamB, default)), Is.False);
    }

    [Test]
    public async Task An_Organiser_manages_every_campaign()
    {
        Assert.That(await AsScope(World.Organiser, async s => await s.ManagesAsync(World.TeamB, default)), Is.True);
        Assert.That(await AsScope(World.Organiser, async s => await s.SeesEventAsync(World.TeamB, null, default)), Is.True);
    }
}
