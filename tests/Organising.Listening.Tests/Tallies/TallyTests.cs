using System.Net;
using System.Xml.Linq;
using Organising.Listening.Areas.Listening.Pages.Tallies;

namespace Organising.Listening.Tests.Tallies;

/// <summary>A campaign's tallies against seeded data, their charts and tables, and who may open them.</summary>
public sealed class TallyTests : WorldFixture
{
    private Guid _campaign;
    private const string SecretStory = "My neighbour Mrs Okafor waited nine hours";
    private const string TellerName = "Tallulah Teller";

    [OneTimeSetUp]
    public async Task Seed()
    {
        var network2 = await World.AddNetworkAsync("Riverside <flats> & \"co\"");
        _campaign = await World.AddCampaignAsync("Tally campaign", World.TeamA, [World.NetworkA, network2], target: 10);
        var now = World.Clock.GetUtcNow();
        var e1 = await World.AddEventAsync(_campaign, "house-meeting", headcount: 8, heldAt: now.AddDays(-15), recordedBy: World.Volunteer.Id);
        var e2 = await World.AddEventAsync(_campaign, "street-stall", headcount: 20, heldAt: now.AddDays(-1), networkId: network2);
        var e3 = await World.AddEventAsync(_campaign, "house-meeting", headcount: 5, heldAt: now.AddDays(-1));
        await World.AddRaisedAsync(e1, "Can't get a GP appointment", "Access and waiting");
        await World.AddRaisedAsync(e1, "Damp flat makes my child ill", "Housing", "Access and waiting");
        await World.AddRaisedAsync(e2, "Mould everywhere", "Housing");
        await World.AddRaisedAsync(e2, "No interpreter", "Communication and interpreting");
        await World.AddRaisedAsync(e3, "Something without a theme");
        var teller = await World.AddPersonAsync(TellerName, World.NetworkA);
        await World.AddStoryAsync(e1, SecretStory, "none", tellerPersonId: teller);
        await World.AddStoryAsync(e2, "Public words", "public");
        // Another campaign's rows never count here.
        var other = await World.AddEventAsync(World.CampaignB, "one-to-one");
        await World.AddRaisedAsync(other, "Elsewhere", "Housing");
        World.App.OpenDatabase().Dispose();
    }

    private Task<GetTallies.Tallies?> TalliesAs(AppWorld.User user, Guid campaign) => World.SendAsAsync(user, new GetTallies.Query(campaign));

    [Test]
    public async Task The_numbers_add_up_from_the_campaigns_own_events()
    {
        var t = (await TalliesAs(World.Organiser, _campaign))!;
        Assert.That(t.Conversations, Is.EqualTo(3));
        Assert.That(t.People, Is.EqualTo(33));
        Assert.That(t.Raised, Is.EqualTo(5));
        Assert.That(t.Untagged, Is.EqualTo(1));
        Assert.That(t.Stories, Is.EqualTo(2));
        Assert.That(t.PercentOfTarget, Is.EqualTo(30));
        var themes = t.ByTheme.ToDictionary(x => x.Name, x => x.Raised);
        Assert.That(themes["Housing"], Is.EqualTo(2));
        Assert.That(themes["Access and waiting"], Is.EqualTo(2));
        Assert.That(themes["Communication and interpreting"], Is.EqualTo(1));
        Assert.That(themes["Food"], Is.EqualTo(0));
        var types = t.ByType.ToDictionary(x => x.Key);
        Assert.That((types["house-meeting"].Events, types["house-meeting"].People, types["house-meeting"].Raised), Is.EqualTo((2, 13, 3)));
        Assert.That((types["street-stall"].Events, types["street-stall"].Raised), Is.EqualTo((1, 2)));
        Assert.That(types["one-to-one"].Events, Is.EqualTo(0));
        var networks = t.ByNetwork.ToDictionary(x => x.Label);
        Assert.That((networks["Northfield estate"].Events, networks["Northfield estate"].Raised), Is.EqualTo((2, 3)));
        Assert.That((networks["Riverside <flats> & \"co\""].Events, networks["Riverside <flats> & \"co\""].Raised), Is.EqualTo((1, 2)));
        Assert.That(t.Weeks.Sum(w => w.Events), Is.EqualTo(3));
        Assert.That(t.Weeks.Sum(w => w.Raised), Is.EqualTo(5));
        Assert.That(t.Weeks.Count, Is.InRange(3, 4), "two weeks apart, the empty weeks between included");
        Assert.That(t.Weeks.Select(w => w.WeekStarting.DayOfWeek), Is.All.EqualTo(DayOfWeek.Monday));
    }

    [Test]
    public async Task Tallies_follow_a_new_write()
    {
        var campaign = await World.AddCampaignAsync("Tally refresh", World.TeamA, [World.NetworkA]);
        World.App.OpenDatabase().Dispose();
        Assert.That((await TalliesAs(World.Organiser, campaign))!.Conversations, Is.EqualTo(0));
        await World.AddEventAsync(campaign); // a write: the cached tallies are stale from here
        Assert.That((await TalliesAs(World.Organiser, campaign))!.Conversations, Is.EqualTo(1));
    }

    [Test]
    public async Task Who_may_see_the_tallies_by_role_and_team()
    {
        Assert.That(await TalliesAs(World.Leader, _campaign), Is.Not.Null);
        Assert.That(await TalliesAs(World.Volunteer, _campaign), Is.Not.Null);
        Assert.That(await TalliesAs(World.Observer, _campaign), Is.Not.Null);
        Assert.That(await TalliesAs(World.OtherLeader, _campaign), Is.Null);
        Assert.That(await TalliesAs(World.OtherVolunteer, _campaign), Is.Null);
        Assert.That(await TalliesAs(World.Organiser, Guid.CreateVersion7()), Is.Null);
    }

    [TestCase("Organiser", HttpStatusCode.OK)]
    [TestCase("Leader", HttpStatusCode.OK)]
    [TestCase("Volunteer", HttpStatusCode.OK)]
    [TestCase("Observer", HttpStatusCode.OK)]
    [TestCase("Leader2", HttpStatusCode.NotFound)]
    [TestCase("Volunteer2", HttpStatusCode.NotFound)]
    public async Task The_page_by_direct_url(string user, HttpStatusCode expected)
    {
        var page = await World.Users[user].Browser.GetAsync($"/Listening/Tallies/{_campaign}");
        Assert.That(page.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task An_Observer_sees_every_chart_with_its_table_and_no_name_or_story_text()
    {
        var page = await World.Observer.Browser.GetPageAsync($"/Listening/Tallies/{_campaign}");
        foreach (var (chart, table) in new[] { ("conversations-chart", "conversations-table"), ("themes-chart", "themes-table"), ("networks-chart", "networks-table"),
                     ("types-chart", "types-table"), ("weeks-chart", "weeks-table") })
        {
            Assert.That(page.Document.QuerySelector($"svg#{chart}"), Is.Not.Null, chart);
            Assert.That(page.Document.QuerySelector($"table#{table} caption"), Is.Not.Null, table);
        }
        Assert.That(page.Text("#conversations-summary"), Does.Contain("3").And.Contain("target of 10 (30%)"));
        var housing = page.Document.QuerySelectorAll("#themes-table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == "Housing");
        Assert.That(housing.QuerySelectorAll("td")[1].TextContent, Is.EqualTo("2"));
        Assert.That(page.Body, Does.Not.Contain(SecretStory).And.Not.Contain(TellerName).And.Not.Contain("Public words"));
        Assert.That(page.Document.QuerySelector("a[href^='/Listening/Heard']"), Is.Null, "Observers are not offered what was heard");
        Assert.That(page.Document.QuerySelectorAll("script:not([src]), style, [style]"), Is.Empty);
    }

    [Test]
    public async Task Charts_carry_user_text_safely_as_valid_svg()
    {
        var page = await World.Organiser.Browser.GetPageAsync($"/Listening/Tallies/{_campaign}");
        var svgElement = page.Document.QuerySelector("svg#networks-chart")!;
        var svg = XElement.Parse(svgElement.OuterHtml.Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", StringComparison.Ordinal)
            .Replace("xmlns=\"http://www.w3.org/2000/svg\" xmlns=\"http://www.w3.org/2000/svg\"", "xmlns=\"http://www.w3.org/2000/svg\""));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(svg.Descendants(ns + "text").Select(t => t.Value), Does.Contain("Riverside <flats> & \"co\""), "the label is drawn whole, escaped");
        Assert.That(svg.Element(ns + "desc")!.Value, Does.Contain("Riverside <flats> & \"co\": 2"));
        Assert.That(svg.Descendants(ns + "script"), Is.Empty);
        Assert.That(page.Body, Does.Not.Contain("<flats>"), "never raw markup in the page");
    }

    [Test]
    public async Task A_campaign_with_nothing_heard_says_so_with_only_the_target_chart()
    {
        var campaign = await World.AddCampaignAsync("Tally empty", World.TeamA, [World.NetworkA]);
        World.App.OpenDatabase().Dispose();
        var page = await World.Leader.Browser.GetPageAsync($"/Listening/Tallies/{campaign}");
        Assert.That(page.Document.QuerySelector("#no-events"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector("svg#conversations-chart"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector("svg#themes-chart"), Is.Null);
    }
}
