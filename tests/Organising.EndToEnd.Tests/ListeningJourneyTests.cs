using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NUnit.Framework;
using Organising.EndToEnd.Tests.Infrastructure;
using Organising.Platform.Data;
using Organising.Platform.Settings;
using Organising.Testing;

namespace Organising.EndToEnd.Tests;

/// <summary>
/// An Organiser runs a listening campaign, in Chromium against the real app: start a campaign for a team on its
/// network → type in a house meeting's paper report-back form on the bulk-entry page, the rows with the keyboard
/// alone → the themes are tallied → cut a candidate issue from one issue raised, score it and record a vote →
/// prioritise it → it is on the people's agenda with its lineage counts, quoting only the story told with consent to
/// share it publicly. The team, its network and its people are seeded in the database (Teams' and Networks' journeys
/// build those through their pages). Every page visited passes axe-core (no serious or critical violation) and
/// breaks nothing in the Content Security Policy.
/// </summary>
[TestFixture]
public sealed class ListeningJourneyTests : JourneyFixture
{
    private static readonly Person Organiser = new("Olu Organiser", "olu@example.org", "we listen before we act");

    private const string NetworkName = "Northfield estate";
    private const string TeamName = "Northfield health team";
    private const string CampaignName = "Northfield listening, spring";
    private const string Amina = "Amina Hassan";
    private const string Hodan = "Hodan Ali";
    private const string GpIssue = "Waiting three weeks for a GP appointment";
    private const string PublicStory = "I gave up and went to A&E with my son.";
    private const string PrivateTestimony = "They made my daughter interpret my scan results.";
    private const string Candidate = "A walk-in hour on Saturdays at Northfield surgery";

    [Test]
    public async Task An_organiser_listens_tallies_cuts_an_issue_and_puts_it_on_the_peoples_agenda()
    {
        var clock = Stopwatch.StartNew();
        await ContentSecurityPolicyWatch.StartAsync(Page);
        await AppSteps.CompleteFirstRunSetupAsync(Page, Organiser);
        await SeedTeamAsync();

        // No campaigns yet: the empty page says what a campaign is and offers to start one.
        await Page.FollowAsync(Page.MenuLink("Listening campaigns"));
        await ArriveAsync("/Listening", "Listening campaigns");
        await Page.FollowAsync(Page.Locator("#no-campaigns").GetByRole(AriaRole.Link, new() { Name = "Start a listening campaign", Exact = true }));
        await ArriveAsync("/Listening/Campaigns/Create", "Start a listening campaign");
        await Page.FillFieldAsync("Name", CampaignName);
        await Page.FillFieldAsync("Purpose (optional)", "What would make health services work for the estate?");
        await Page.Field("Team running it").SelectOptionAsync(new SelectOptionValue { Label = TeamName });
        await Page.Field(NetworkName).CheckAsync();
        var today = await LocalTodayAsync();
        Assert.That(await Page.Field("Starts on").InputValueAsync(), Is.EqualTo(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), "A campaign starts today unless told.");
        await Page.FillFieldAsync("Starts on", today.AddDays(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.FillFieldAsync("Target number of conversations", "40");
        await Page.SubmitAsync("Start the campaign");
        await ArriveAsync(@"/Listening/Campaigns/Details/[0-9a-f-]{36}", CampaignName);
        var campaignPath = Page.Path();
        await AssertFlashAsync($"Listening campaign “{CampaignName}” started. Now schedule its first conversations.");
        Assert.That(await Page.Locator("#campaign-progress-text").InnerTextAsync(), Does.StartWith("0 of 40 conversations recorded"));

        // Last night's house meeting, typed in from its paper form. The event's details by field…
        await Page.FollowAsync(Page.MainLink("Record a report-back"));
        await ArriveAsync("/Listening/Events/Record", "Type in a report-back form");
        var yesterday = today.AddDays(-1);
        await Page.Field("Type").SelectOptionAsync(new SelectOptionValue { Value = "house-meeting" });
        await Page.FillFieldAsync("Date", yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Page.FillFieldAsync("Time it started (optional)", "18:30");
        await Page.FillFieldAsync("Place (optional)", "Hodan's flat, Northfield");
        await Page.FillFieldAsync("Headcount (optional)", "9");
        await Page.FillFieldAsync("Language used (optional)", "Somali and English");
        await Page.Field(Amina).CheckAsync();
        // …the host found by name (the search keeps everything typed so far)…
        await Page.FillFieldAsync("Find a person to name", "Hodan");
        await Page.SubmitAsync("Find");
        await ArriveAsync("/Listening/Events/Record", "Type in a report-back form");
        await Page.SubmitAsync($"Make {Hodan} the host");
        await ArriveAsync("/Listening/Events/Record", "Type in a report-back form", audit: false);
        Assert.That(await Page.Field($"Host: {Hodan} (untick to remove)").IsCheckedAsync(), Is.True);
        Assert.That(await Page.Field("Place (optional)").InputValueAsync(), Is.EqualTo("Hodan's flat, Northfield"), "Finding a person keeps what was typed.");

        // …and the rows with the keyboard alone: a letter chooses from a list, Tab moves on.
        await Page.Field("Row 1 kind").FocusAsync();
        await TypeRowAsync("i", GpIssue, "ACC", null, null);
        await TypeRowAsync("s", PublicStory, null, "p", "a mother of two");
        await TypeRowAsync("i", "No interpreter at the antenatal clinic", "COM, mat", null, null);
        await TypeRowAsync("t", PrivateTestimony, null, "n", null);
        await TypeRowAsync("i", "Damp in the flats makes the children's asthma worse", "hous, LTC", null, null);
        await Page.SubmitAsync("Save this form");
        await ArriveAsync("/Listening/Events/Record", "Type in a report-back form");
        await AssertFlashAsync("Saved: 3 issues, 2 stories. The form is ready for the next one.");
        Assert.That(await Page.Field("Row 1: what was said").InputValueAsync(), Is.Empty, "A fresh form follows, for the next one in the stack.");

        // The themes are tallied.
        await Page.OpenAsync(campaignPath);
        await ArriveAsync(Regex.Escape(campaignPath), CampaignName, audit: false);
        Assert.That(await Page.Locator("#campaign-progress-text").InnerTextAsync(), Does.StartWith("1 of 40 conversations recorded"));
        await Page.FollowAsync(Page.MainLink("Tallies"));
        await ArriveAsync(@"/Listening/Tallies/[0-9a-f-]{36}", $"Tallies: {CampaignName}");
        Assert.That(await Page.Locator("#conversations-summary").InnerTextAsync(),
            Is.EqualTo("1 conversation held of a target of 40 (2%), with 9 people taking part; 3 issues raised and 2 stories, testimonies and quotes heard."));
        var themeCounts = await TableRowsAsync("#themes-table", "th, td");
        foreach (var theme in new[] { "Access and waiting", "Communication and interpreting", "Maternity", "Housing", "Long-term conditions" })
            Assert.That(themeCounts, Has.Some.Match("^" + Regex.Escape(theme) + @"\|.*1$"), $"{theme} is tallied once.");
        Assert.That(await Page.Locator("main svg[role=img]").CountAsync(), Is.GreaterThanOrEqualTo(4), "Each tally has a chart beside its table.");

        // Cut a candidate issue from the GP problem, score it, and record the team's vote.
        await Page.OpenAsync(campaignPath);
        await Page.FollowAsync(Page.MainLink("Issue-cutting workbench"));
        await ArriveAsync(@"/Listening/Workbench/[0-9a-f-]{36}", "Issue-cutting workbench");
        Assert.That(await Page.Locator("#raised tbody tr").CountAsync(), Is.EqualTo(3));
        await Page.Field(GpIssue).CheckAsync();
        await Page.SubmitAsync("Start a candidate issue from the ticked rows");
        await ArriveAsync("/Listening/Candidates/Create", "New candidate issue");
        await Page.FillFieldAsync("The issue", Candidate);
        await Page.FillFieldAsync("The problem it comes from (optional)", "People wait weeks for an appointment and end up in A&E.");
        await Page.SubmitAsync("Create the candidate issue");
        await ArriveAsync(@"/Listening/Candidates/Details/[0-9a-f-]{36}", Candidate);
        var candidatePath = Page.Path();
        await AssertFlashAsync($"Candidate issue “{Candidate}” created. Now score it against the winnable-issue criteria.");
        Assert.That(await Page.Locator("#lineage").InnerTextAsync(), Is.EqualTo("Rests on 1 story from 1 conversation with 9 people in 1 network."));

        for (var i = 0; i < 7; i++) await Page.Locator($"#Scoring_Criteria_{i}__Score").FillAsync(i == 1 ? "5" : "4");
        await Page.SubmitAsync("Save the scores");
        await ArriveAsync(Regex.Escape(candidatePath), Candidate);
        await AssertFlashAsync("Scores saved: 29 in all.");
        Assert.That(await Page.Locator("#total-score").InnerTextAsync(), Is.EqualTo("29 of 35"));

        await Page.Field("Who voted").SelectOptionAsync(new SelectOptionValue { Label = $"Team: {TeamName}" });
        await Page.FillFieldAsync("Points (0 to 10)", "7");
        await Page.SubmitAsync("Record the vote");
        await ArriveAsync(Regex.Escape(candidatePath), Candidate, audit: false);
        await AssertFlashAsync($"Vote of {TeamName} recorded.");

        await Page.SubmitAsync("Prioritise: put it on the people's agenda");
        await ArriveAsync(Regex.Escape(candidatePath), Candidate, audit: false);
        await AssertFlashAsync("Prioritised: it is on the people's agenda now.");

        // The people's agenda: the issue, its lineage, and only the story told with consent to share it publicly.
        await Page.FollowAsync(Page.MenuLink("People's agenda"));
        await ArriveAsync("/Listening/Agenda", "The people's agenda");
        var issue = Page.Locator("#agenda .agenda-issue");
        Assert.That(await issue.CountAsync(), Is.EqualTo(1));
        Assert.That(await issue.Locator("h2").InnerTextAsync(), Is.EqualTo(Candidate));
        Assert.That(await issue.Locator(".lineage").InnerTextAsync(), Is.EqualTo("Rests on 1 story from 1 conversation with 9 people in 1 network."));
        Assert.That(await issue.InnerTextAsync(), Does.Contain("Access and waiting").And.Contain("7 points"));
        Assert.That(await issue.Locator(".public-story").AllInnerTextsAsync(), Is.EqualTo(new[] { PublicStory }));
        var agenda = await Page.Locator("main").InnerTextAsync();
        Assert.That(agenda, Does.Not.Contain(PrivateTestimony).And.Not.Contain(Hodan).And.Not.Contain(Amina).And.Not.Contain("a mother of two"),
            "No names, and no story shared without public consent.");
        await Page.FollowAsync(issue.Locator(".conversation-links a").First);
        await ArriveAsync(@"/Listening/Events/Details/[0-9a-f-]{36}", "House meeting");

        clock.Stop();
        await AssertEveryPageWasCleanAsync(clock.Elapsed);
        Assert.That(BrowserLog, Is.Empty, "The browser reported errors on the way.");
    }

    /// <summary>Types one row of the report-back grid from its kind select onwards, leaving focus on the next row's kind.</summary>
    private async Task TypeRowAsync(string kind, string text, string? themes, string? consent, string? teller)
    {
        foreach (var value in new[] { kind, text, themes, consent, teller })
        {
            if (value is not null) await Page.Keyboard.TypeAsync(value);
            await Page.Keyboard.PressAsync("Tab");
        }
    }

    /// <summary>The network, the team on it with Amina as its leader, and Hodan (who hosts the house meeting) in the network.</summary>
    private async Task SeedTeamAsync()
    {
        var factory = App.Services.GetRequiredService<IDbConnectionFactory>();
        var now = App.Clock.GetUtcNow();
        var at = DapperTypeHandlers.ToDbText(now);
        await using var connection = await factory.OpenAsync();
        await using var transaction = await factory.BeginWriteAsync(connection);
        var networkId = Guid.CreateVersion7();
        await connection.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at) VALUES (@id, @name, 'place', @at)",
            new { id = networkId.ToString(), name = NetworkName, at }, transaction);
        var people = await ContactablePeople.AddAsync(connection, transaction, [new(Amina, "amina.hassan@example.org"), new(Hodan, "hodan.ali@example.org")], now);
        foreach (var person in people)
            await connection.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)",
                new { id = person.ToString(), network = networkId.ToString() }, transaction);
        var teamId = Guid.CreateVersion7();
        await connection.ExecuteAsync("""
            INSERT INTO teams_team (id, name, purpose, network_id, status, created_at, updated_at) VALUES (@id, @name, 'Health on the estate.', @network, 'active', @at, @at)
            """, new { id = teamId.ToString(), name = TeamName, network = networkId.ToString(), at }, transaction);
        await connection.ExecuteAsync("INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES (@team, @person, 'community-champion', 1, @at)",
            new { team = teamId.ToString(), person = people[0].ToString(), at }, transaction);
        await transaction.CommitAsync();
    }
}
