using System.Net;

namespace Organising.Listening.Tests.Heard;

/// <summary>Everything heard: who sees which rows, and what each CSV may contain.</summary>
public sealed class HeardTests : WorldFixture
{
    private Guid _campaign;
    private const string NoneStory = "Secret: my son was turned away at A&E";
    private const string AllianceStory = "Alliance-only: the ward sister shouted at my mum";
    private const string PublicStory = "Public: we waited three weeks for a call back";
    private const string TellerName = "Hermione Heardteller";
    private const string LeaderRaised = "Leader recorded: bus to hospital stopped";
    private const string VolunteerRaised = "Volunteer recorded: no interpreter at the GP";

    [OneTimeSetUp]
    public async Task Seed()
    {
        _campaign = await World.AddCampaignAsync("Heard campaign", World.TeamA, [World.NetworkA]);
        var byLeader = await World.AddEventAsync(_campaign, recordedBy: World.Leader.Id);
        var byVolunteer = await World.AddEventAsync(_campaign, "street-stall", recordedBy: World.Volunteer.Id);
        await World.AddRaisedAsync(byLeader, LeaderRaised, "Access and waiting");
        await World.AddRaisedAsync(byVolunteer, VolunteerRaised, "Communication and interpreting", "Discrimination");
        var teller = await World.AddPersonAsync(TellerName, World.NetworkA);
        await World.AddStoryAsync(byLeader, NoneStory, "none", tellerPersonId: teller);
        await World.AddStoryAsync(byLeader, AllianceStory, "alliance", "testimony", tellerPersonId: teller);
        await World.AddStoryAsync(byLeader, PublicStory, "public", "quote", tellerPersonId: teller, tellerLabel: "a carer");
    }

    private static string Url(Guid campaign, string extra = "") => $"/Listening/Heard?campaign={campaign}{extra}";

    [Test]
    public async Task A_Leader_sees_every_row_in_their_teams_campaign_and_a_Volunteer_only_what_they_recorded()
    {
        var leader = await World.Leader.Browser.GetPageAsync(Url(_campaign));
        Assert.That(leader.Texts("#raised tbody tr td:first-child"), Is.EquivalentTo(new[] { LeaderRaised, VolunteerRaised }));
        var row = leader.Document.QuerySelectorAll("#raised tbody tr").Single(r => r.TextContent.Contains(VolunteerRaised));
        Assert.That(row.QuerySelectorAll("td")[1].TextContent, Is.EqualTo("Communication and interpreting, Discrimination"));
        var leaderStories = await World.Leader.Browser.GetPageAsync(Url(_campaign, "&show=stories"));
        Assert.That(leaderStories.Body, Does.Contain(NoneStory.Replace("&", "&amp;")).And.Contain(AllianceStory).And.Contain(TellerName), "inside the app, for those who may see the event");

        var volunteer = await World.Volunteer.Browser.GetPageAsync(Url(_campaign));
        Assert.That(volunteer.Texts("#raised tbody tr td:first-child"), Is.EqualTo(new[] { VolunteerRaised }));
        var volunteerStories = await World.Volunteer.Browser.GetPageAsync(Url(_campaign, "&show=stories"));
        Assert.That(volunteerStories.Document.QuerySelector("#no-stories"), Is.Not.Null);
        Assert.That(volunteerStories.Body, Does.Not.Contain(TellerName));
    }

    [Test]
    public async Task Search_narrows_the_list()
    {
        var page = await World.Organiser.Browser.GetPageAsync(Url(_campaign, "&q=INTERPRETER"));
        Assert.That(page.Texts("#raised tbody tr td:first-child"), Is.EqualTo(new[] { VolunteerRaised }));
    }

    [TestCase("Leader2")]
    [TestCase("Volunteer2")]
    [TestCase("Observer")]
    public async Task Another_team_and_Observers_get_nothing_by_any_url(string user)
    {
        var browser = World.Users[user].Browser;
        var page = await browser.GetAsync(Url(_campaign));
        var csv = await browser.GetAsync(Url(_campaign, "&handler=Csv"));
        foreach (var response in new[] { page, csv })
        {
            Assert.That(response.StatusCode == HttpStatusCode.NotFound || response.LocationPath == "/Account/AccessDenied", Is.True, $"{(int)response.StatusCode} {response.Location}");
            Assert.That(response.Body, Does.Not.Contain(TellerName).And.Not.Contain("waited three weeks").And.Not.Contain(LeaderRaised));
        }
    }

    [TestCase("Organiser")]
    [TestCase("Leader")]
    public async Task The_plain_csv_never_holds_a_non_public_storys_words_or_a_tellers_name(string user)
    {
        var csv = await World.Users[user].Browser.GetAsync(Url(_campaign, "&handler=Csv"));
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("What,Text,Themes,Consent,Event type,Date,Network"));
        Assert.That(csv.Body, Does.Contain(LeaderRaised).And.Contain(PublicStory));
        Assert.That(csv.Body, Does.Not.Contain("Secret").And.Not.Contain("ward sister"));
        Assert.That(csv.Body, Does.Not.Contain(TellerName).And.Not.Contain("Hermione").And.Not.Contain("a carer").And.Not.Contain("Teller"));
        Assert.That(csv.Body, Does.Contain("(not shared)"));
    }

    [Test]
    public async Task An_Organiser_gets_personal_data_only_after_ticking_the_box_and_the_export_is_audited()
    {
        var before = await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.heard-exported-personal'");
        var refused = await World.Organiser.Browser.SubmitAsync(Url(_campaign), formSelector: "#personal-export");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.Text("#confirmPersonal-error"), Does.Contain("Tick the box"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.heard-exported-personal'"), Is.EqualTo(before));

        var csv = await World.Organiser.Browser.SubmitAsync(Url(_campaign), new() { ["confirmPersonal"] = "true" }, formSelector: "#personal-export");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"), csv.Errors);
        Assert.That(csv.Body, Does.Contain("Teller").And.Contain(TellerName).And.Contain("Secret: my son").And.Contain("Not to be shared"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.heard-exported-personal'"), Is.EqualTo(before + 1));
    }

    [TestCase("Leader")]
    [TestCase("Volunteer")]
    public async Task Only_Organisers_are_offered_or_given_the_personal_csv(string user)
    {
        var page = await World.Users[user].Browser.GetPageAsync(Url(_campaign));
        Assert.That(page.Document.QuerySelector("#personal-export"), Is.Null);
        await Assert.ThrowsAsync<Organising.Platform.Pipeline.ValidationFailedException>(() =>
            World.SendAsAsync(World.Users[user], new Organising.Listening.Areas.Listening.Pages.Heard.FindHeard.ExportWithPersonalData(_campaign, null)));
    }
}
