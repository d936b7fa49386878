using System.Net;
using UglyToad.PdfPig.Content;
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace Organising.Listening.Tests.Forms;

/// <summary>The printable report-back form: what is on it, who may print it, and the consent rule read back with PdfPig.</summary>
public sealed class ReportBackFormTests : WorldFixture
{
    private Guid _event;
    private const string NoneStory = "Nobody must read this none story";
    private const string AllianceStory = "Only inside the alliance story";
    private const string PublicStory = "This public story may be printed";

    [OneTimeSetUp]
    public async Task Seed()
    {
        var facilitator = await World.AddPersonAsync("Farah Facilitator", World.NetworkA);
        _event = await World.AddEventAsync(World.CampaignA, "house-meeting", headcount: 11, recordedBy: World.Leader.Id, place: "Northfield library",
            language: "Somali", facilitators: [facilitator]);
        var raised = await World.AddRaisedAsync(_event, "Waiting lists for physio are too long", "Access and waiting", "Long-term conditions");
        await World.AddStoryAsync(_event, NoneStory, "none", tellerLabel: "a secret teller", raisedId: raised);
        await World.AddStoryAsync(_event, AllianceStory, "alliance", "testimony", tellerLabel: "an alliance teller");
        await World.AddStoryAsync(_event, PublicStory, "public", "quote", tellerLabel: "a grandmother");
    }

    private static string Text(byte[] pdf)
    {
        using var doc = PdfReader.Open(pdf);
        return string.Join(" ", doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static int ConsentBoxes(byte[] pdf)
    {
        using var doc = PdfReader.Open(pdf);
        return doc.GetPages().Sum(p => p.Paths.Count(path => path.GetBoundingRectangle() is { } r && Math.Abs(r.Width - 10) < 0.5 && Math.Abs(r.Height - 10) < 0.5));
    }

    [Test]
    public async Task The_blank_form_has_every_field_the_consent_explanation_and_the_theme_codes()
    {
        var response = await World.Volunteer.Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignA}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.ContentType, Is.EqualTo("application/pdf"));
        var text = Text(response.RawBytes);
        Assert.That(text, Does.Contain("Listening report-back form").And.Contain("Northfield listening"));
        foreach (var field in new[] { "House meeting", "One-to-one", "Street stall", "Date", "Place", "Facilitators", "Language used", "Headcount" })
            Assert.That(text, Does.Contain(field), field);
        Assert.That(text, Does.Contain("Issue raised, in the words people used").And.Contain("Theme codes"));
        Assert.That(text, Does.Contain("Public").And.Contain("Alliance only").And.Contain("Not to be shared").And.Contain("Consent in plain words"));
        Assert.That(text, Does.Contain("HOU").And.Contain("Housing").And.Contain("ACC").And.Contain("Access and waiting"));
        // Five event-type boxes and three consent boxes a story row.
        Assert.That(ConsentBoxes(response.RawBytes), Is.EqualTo(5 + 3 * 6));
    }

    [Test]
    public async Task Prefilled_from_an_event_it_prints_the_details_and_never_a_non_public_storys_words()
    {
        var response = await World.Leader.Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignA}&event={_event}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var text = Text(response.RawBytes);
        Assert.That(text, Does.Contain("Northfield library").And.Contain("Somali").And.Contain("Farah Facilitator").And.Contain("11"));
        Assert.That(text, Does.Contain("Waiting lists for physio are too long").And.Contain("ACC, LTC"));
        Assert.That(text, Does.Contain(PublicStory).And.Contain("a grandmother"));
        Assert.That(text, Does.Not.Contain("Nobody must read").And.Not.Contain("none story"));
        Assert.That(text, Does.Not.Contain("Only inside the alliance").And.Not.Contain("alliance story"));
        Assert.That(text, Does.Not.Contain("secret teller").And.Not.Contain("alliance teller"));
        Assert.That(text, Does.Contain("2 stories told at this event are kept in the app only"));
    }

    [TestCase("Leader2")]
    [TestCase("Volunteer2")]
    [TestCase("Volunteer")]
    public async Task Another_team_or_someone_who_may_not_see_the_event_gets_not_found(string user)
    {
        var response = await World.Users[user].Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignA}&event={_event}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.ContentType ?? "", Does.Not.Contain("pdf"));
    }

    [Test]
    public async Task Observers_and_other_teams_cannot_print_a_campaigns_form()
    {
        Assert.That((await World.Observer.Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignA}")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await World.OtherVolunteer.Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Listening/Forms/ReportBack?campaign={World.CampaignB}&event={_event}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound),
            "an event of another campaign");
        Assert.That((await World.Organiser.Browser.GetAsync("/Listening/Forms/ReportBack")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
