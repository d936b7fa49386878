using System.Net;
using Organising.Listening.Areas.Listening.Pages.Agenda;
using Organising.Listening.Areas.Listening.Pages.Candidates;
using Organising.Listening.Tests.Workbench;

namespace Organising.Listening.Tests.Agenda;

/// <summary>
/// The people's agenda as each kind of viewer sees it: lineage counts, links only where the viewer may go, never a
/// name, and never the text of a story without 'public' consent, whoever is looking. Anonymous visitors only once
/// an Organiser has published it.
/// </summary>
public sealed class AgendaTests : WorkbenchFixture
{
    private async Task<(WorkbenchSeeds.Heard Heard, Guid Issue, string Title)> PrioritisedAsync()
    {
        var heard = await World.HearAsync(recordedBy: World.Volunteer.Id);
        var title = Unique("A Saturday walk-in hour");
        var issue = await World.AddCandidateAsync(World.CampaignA, title, heard.Access);
        await World.SendAsAsync(World.Leader, new ChangeCandidateStatus.Command { CandidateId = issue, Status = "prioritised" });
        return (heard, issue, title);
    }

    /// <summary>Checks the page's content (the layout names the signed-in user, which is not the agenda's doing).</summary>
    private static void NoNamesAndOnlyPublicStories(PageResponse page, WorkbenchSeeds.Heard heard, string who)
    {
        var main = page.Document.QuerySelector("main")!.InnerHtml;
        Assert.That(main, Is.Not.Empty);
        Assert.That(main, Does.Not.Contain("ALLIANCE-STORY").And.Not.Contain("NONE-STORY").And.Not.Contain("UNLINKED-STORY"), who);
        Assert.That(main, Does.Not.Contain("Vic Volunteer").And.Not.Contain("a mother of two").And.Not.Contain("Val Volunteer"), who);
        Assert.That(main, Does.Not.Contain("my son missed school").And.Not.Contain("I lost my job"), who);
    }

    [Test]
    public async Task A_prioritised_issue_shows_its_lineage_and_quotes_only_public_stories_to_an_organiser()
    {
        var (heard, issue, title) = await PrioritisedAsync();
        var page = await World.Organiser.Browser.GetPageAsync("/Listening/Agenda");
        var item = $"#issue-{issue}";
        Assert.That(page.Text($"{item} h2"), Is.EqualTo(title));
        Assert.That(page.Text($"{item} .lineage"), Is.EqualTo("Rests on 3 stories from 2 conversations with 11 people in 2 networks."));
        Assert.That(page.Texts($"{item} .badge"), Is.EquivalentTo(new[] { "Access and waiting", "Communication and interpreting", "Work and money" }));
        Assert.That(page.Texts($"{item} .public-story"), Is.EqualTo(new[] { $"PUBLIC-STORY {heard.Marker}: I waited three weeks." }));
        NoNamesAndOnlyPublicStories(page, heard, "Organiser");

        // Links to each conversation, story and network the Organiser may open; no story text in them.
        var hrefs = page.Document.QuerySelectorAll($"{item} a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(hrefs, Does.Contain($"/Listening/Events/Details/{heard.Meeting1}").And.Contain($"/Listening/Events/Details/{heard.Stall}"));
        Assert.That(hrefs, Does.Contain($"/Listening/Events/Details/{heard.Meeting1}#story-{heard.AllianceStory}")
            .And.Contain($"/Listening/Events/Details/{heard.Stall}#story-{heard.PrivateStory}"));
        Assert.That(hrefs, Does.Contain($"/Networks/Details/{World.NetworkA}").And.Contain($"/Networks/Details/{heard.Network2}"));
        Assert.That(hrefs, Does.Not.Contain($"/Listening/Events/Details/{heard.Meeting2}"), "a conversation it does not rest on");
    }

    [Test]
    public async Task The_agenda_downloads_as_a_csv_of_issues_and_counts_with_no_story_or_name()
    {
        var (heard, _, title) = await PrioritisedAsync();
        var csv = await World.Observer.Browser.GetAsync("/Listening/Agenda?handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.StartWith("Position,Issue,Themes,Points,Stories,Conversations,People,Networks"));
        Assert.That(csv.Body, Does.Contain($"{title},Access and waiting; Communication and interpreting; Work and money,0,3,2,11,2"));
        Assert.That(csv.Body, Does.Not.Contain("STORY").And.Not.Contain("Vic Volunteer").And.Not.Contain("a mother of two"));
    }

    [Test]
    public async Task Links_go_only_where_the_viewer_may_go()
    {
        var (heard, issue, _) = await PrioritisedAsync();
        var item = $"#issue-{issue}";

        // The Volunteer recorded the first meeting only: its link, not the stall's.
        var volunteer = await World.Volunteer.Browser.GetPageAsync("/Listening/Agenda");
        var volunteerLinks = volunteer.Document.QuerySelectorAll($"{item} .conversation-links a").Select(a => a.GetAttribute("href")).ToList();
        Assert.That(volunteerLinks, Is.EqualTo(new[] { $"/Listening/Events/Details/{heard.Meeting1}" }));
        Assert.That(volunteer.Texts($"{item} .network-links a"), Has.Count.EqualTo(2));
        NoNamesAndOnlyPublicStories(volunteer, heard, "Volunteer");

        // Team B's Leader sees the issue and its counts but may open none of team A's conversations.
        var otherLeader = await World.OtherLeader.Browser.GetPageAsync("/Listening/Agenda");
        Assert.That(otherLeader.Text($"{item} .lineage"), Is.EqualTo("Rests on 3 stories from 2 conversations with 11 people in 2 networks."));
        Assert.That(otherLeader.Document.QuerySelectorAll($"{item} a[href^='/Listening/Events/']"), Is.Empty);
    }

    [Test]
    public async Task An_observer_sees_the_agenda_without_names_story_text_or_links()
    {
        var (heard, issue, title) = await PrioritisedAsync();
        var page = await World.Observer.Browser.GetPageAsync("/Listening/Agenda");
        Assert.That(page.Text($"#issue-{issue} h2"), Is.EqualTo(title));
        Assert.That(page.Text($"#issue-{issue} .lineage"), Is.EqualTo("Rests on 3 stories from 2 conversations with 11 people in 2 networks."));
        NoNamesAndOnlyPublicStories(page, heard, "Observer");
        Assert.That(page.Body, Does.Not.Contain("PUBLIC-STORY"), "Observers see no story text at all");
        Assert.That(page.Document.QuerySelectorAll($"#issue-{issue} a"), Is.Empty);
        Assert.That(page.Text("#publish-heading"), Is.Null);
    }

    [Test]
    public async Task The_contract_query_and_the_page_agree_on_the_counts()
    {
        var (_, issue, _) = await PrioritisedAsync();
        var agenda = (await World.SendAsAsync(World.Observer, new Contracts.GetPeoplesAgenda())).Single(i => i.Id == issue);
        var told = Recorder.Prioritised(issue).Single();
        Assert.That((agenda.StoryCount, agenda.PeopleCount), Is.EqualTo((told.StoryCount, told.PeopleCount)));
        Assert.That((agenda.StoryCount, agenda.ConversationCount, agenda.PeopleCount, agenda.NetworkCount), Is.EqualTo((3, 2, 11, 2)));
        var page = (await World.SendAsAsync(World.Observer, new GetAgenda.Query())).Issues.Single(i => i.Id == issue);
        Assert.That((page.Stories, page.Conversations, page.People, page.Networks), Is.EqualTo((3, 2, 11, 2)));
    }
}

/// <summary>Publishing the agenda to anonymous visitors: its own world, since it changes what every anonymous request gets.</summary>
public sealed class AgendaPublishingTests : WorkbenchFixture
{
    [Test]
    public async Task Anonymous_visitors_read_it_only_while_an_organiser_has_published_it_and_get_no_links_or_private_stories()
    {
        var heard = await World.HearAsync();
        var title = Unique("A Saturday walk-in hour");
        var issue = await World.AddCandidateAsync(World.CampaignA, title, heard.Access, status: "prioritised");
        using var anonymous = World.App.NewBrowser();

        var before = await anonymous.GetAsync("/Listening/Agenda");
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(before.LocationPath, Is.EqualTo("/Account/Login"));

        // Leaders may read it but not publish it, even by posting the form.
        var leaderPage = await World.Leader.Browser.GetPageAsync("/Listening/Agenda");
        Assert.That(leaderPage.Text("#publish-heading"), Is.Null);
        var token = PageResponse.FieldsOf((await World.Leader.Browser.GetPageAsync($"/Listening/Candidates/Create?campaign={World.CampaignA}")).Form())
            .Single(f => f.Key == "__RequestVerificationToken");
        var leaderPost = await World.Leader.Browser.PostAsync("/Listening/Agenda?handler=Publish", [token, new("Input.Publish", "true"), new("Input.Confirm", "true")]);
        Assert.That(leaderPost.LocationPath, Is.EqualTo("/Account/AccessDenied"));
        var organiserPage = await World.Organiser.Browser.GetPageAsync("/Listening/Agenda");
        Assert.That((await anonymous.GetAsync("/Listening/Agenda")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        // Publishing asks for confirmation.
        var unconfirmed = await organiserPage.SubmitAsync(World.Organiser.Browser);
        Assert.That(unconfirmed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(unconfirmed.FieldError("Input.Confirm"), Does.Contain("Tick the box to confirm"));
        Assert.That((await anonymous.GetAsync("/Listening/Agenda")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var published = await unconfirmed.SubmitAsync(World.Organiser.Browser, new() { ["Input.Confirm"] = "true" });
        Assert.That(published.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), published.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.agenda-published'"), Is.EqualTo(1));

        var page = await anonymous.GetAsync("/Listening/Agenda");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text($"#issue-{issue} h2"), Is.EqualTo(title));
        Assert.That(page.Text($"#issue-{issue} .lineage"), Is.EqualTo("Rests on 3 stories from 2 conversations with 11 people in 2 networks."));
        Assert.That(page.Texts($"#issue-{issue} .public-story"), Is.EqualTo(new[] { $"PUBLIC-STORY {heard.Marker}: I waited three weeks." }));
        Assert.That(page.Body, Does.Not.Contain("ALLIANCE-STORY").And.Not.Contain("NONE-STORY").And.Not.Contain("Vic Volunteer").And.Not.Contain("a mother of two"));
        Assert.That(page.Document.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { "/Listening/Agenda?handler=Csv" }),
            "no links into the app: only the agenda's own download");
        Assert.That((await anonymous.GetAsync("/Listening/Agenda?handler=Csv")).Body, Does.Contain(title));
        Assert.That(page.Text("#publish-heading"), Is.Null);

        // Taking it back in.
        var organiserAgain = await World.Organiser.Browser.GetPageAsync("/Listening/Agenda");
        Assert.That(organiserAgain.Text("#published-state"), Does.StartWith("Published"));
        var unpublished = await organiserAgain.SubmitAsync(World.Organiser.Browser);
        Assert.That(unpublished.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), unpublished.Errors);
        Assert.That((await anonymous.GetAsync("/Listening/Agenda")).LocationPath, Is.EqualTo("/Account/Login"));
        Assert.That((await anonymous.GetAsync("/Listening/Agenda?handler=Csv")).LocationPath, Is.EqualTo("/Account/Login"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = 'listening.agenda-published'"), Is.EqualTo(2));
    }
}
