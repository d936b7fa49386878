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
using PdfReader = UglyToad.PdfPig.PdfDocument;

namespace Organising.EndToEnd.Tests;

/// <summary>
/// An Organiser builds and trains a team, in Chromium against the real app: create a team focused on a network →
/// add two members found by search → schedule a Listening campaigns session for tomorrow → enrol both from the
/// session page → (the app's clock moves past the session) → mark them attended → the one who had already done
/// the other two core modules climbs from "Not yet on the ladder" to "Attended core training" on the ladders page,
/// her own ladder and the team page, and the other does not → print the sign-in sheet, a PDF with both names.
/// The people, their network and the earlier training are seeded in the database (adding people through
/// Networks' pages is the Networks journey's). Every page visited passes axe-core (no serious or critical
/// violation) and breaks nothing in the Content Security Policy.
/// </summary>
[TestFixture]
public sealed class TeamsJourneyTests : JourneyFixture
{
    private static readonly Person Organiser = new("Olu Organiser", "olu@example.org", "the estate meets on tuesdays");

    private const string NetworkName = "Northfield estate";
    private const string TeamName = "Northfield health team";
    private const string Amina = "Amina Hassan";   // has done two of the three core modules already
    private const string Bilal = "Bilal Okafor";   // a GP, new to training
    private const string Grace = "Grace Mensah";   // in the network, never added to the team
    private const string Module = "Listening campaigns";
    private const string NotYet = "Not yet on the ladder";
    private const string CoreTraining = "Attended core training";

    // The seeded core curriculum (0001_create_teams.sql): completing all three is the first rung of both ladders.
    private static readonly Guid OneToOnesModule = Guid.Parse("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid PowerAnalysisModule = Guid.Parse("0190a000-0000-7000-8000-000000000002");


    [Test]
    public async Task An_organiser_builds_a_team_trains_it_sees_the_ladder_move_and_prints_the_sign_in_sheet()
    {
        var clock = Stopwatch.StartNew();
        await ContentSecurityPolicyWatch.StartAsync(Page);

        // The first user of a fresh install is its Administrator, who acts as an Organiser in Teams.
        await AppSteps.CompleteFirstRunSetupAsync(Page, Organiser);
        var people = await SeedNetworkAndPeopleAsync();

        // No teams yet: the empty page says what a team is and offers to create one.
        await Page.FollowAsync(Page.MenuLink("Teams"));
        await ArriveAsync("/Teams", "Teams");
        Assert.That(await Page.Locator("#no-teams").InnerTextAsync(), Does.Contain("No teams yet"));
        await Page.FollowAsync(Page.MainLink("Create the first team"));
        await ArriveAsync("/Teams/Create", "New team");

        await Page.FillFieldAsync("Name", TeamName);
        await Page.FillFieldAsync("Purpose (optional)", "Shorter waits at the Northfield surgery, organised with the estate.");
        await Page.Field("Network it focuses on (optional)").SelectOptionAsync(new SelectOptionValue { Label = NetworkName });
        await Page.Field("Status").SelectOptionAsync(new SelectOptionValue { Value = "active" });
        await Page.SubmitAsync("Create the team");
        await ArriveAsync(DetailsOf("/Teams/Details"), TeamName);
        var teamPath = Page.Path();
        var teamId = teamPath.Split('/').Last();
        await AssertFlashAsync($"Team “{TeamName}” created. Now add its members.");
        Assert.That(await Page.Locator("#team-network").InnerTextAsync(), Is.EqualTo(NetworkName));
        Assert.That(await Page.Locator("#team-status").InnerTextAsync(), Is.EqualTo("Active"));
        Assert.That(await Page.Locator("#no-members").InnerTextAsync(), Does.StartWith("Nobody is in this team yet"));

        // Members, each found by a search that does not find the others.
        await Page.FollowAsync(Page.MainLink("Add a member"));
        await ArriveAsync(Regex.Escape($"/Teams/Members/Add/{teamId}"), $"Add a member to {TeamName}");
        await FindAsync("Hassan");
        Assert.That(await MatchNamesAsync("#matches tbody tr td:first-child"), Is.EqualTo(new[] { Amina }));
        await Page.Field($"Team role for {Amina}").SelectOptionAsync(new SelectOptionValue { Value = "community-champion" });
        await Page.Field("Leads this team").CheckAsync();
        await Page.SubmitAsync($"Add {Amina}");
        await ArriveAsync(Regex.Escape(teamPath), TeamName, audit: false);
        await AssertFlashAsync("Member added.");

        await Page.FollowAsync(Page.MainLink("Add a member"));
        await ArriveAsync(Regex.Escape($"/Teams/Members/Add/{teamId}"), $"Add a member to {TeamName}", audit: false);
        await FindAsync("okafor");
        Assert.That(await MatchNamesAsync("#matches tbody tr td:first-child"), Is.EqualTo(new[] { Bilal }));
        await Page.Field($"Team role for {Bilal}").SelectOptionAsync(new SelectOptionValue { Value = "clinical-lead" });
        await Page.SubmitAsync($"Add {Bilal}");
        await ArriveAsync(Regex.Escape(teamPath), TeamName);
        await AssertFlashAsync("Member added.");
        Assert.That(await MemberRowsAsync(), Is.EquivalentTo(new[] { $"{Amina}|Community champion|Leads", $"{Bilal}|Clinical lead|" }));
        Assert.That(await TableRowsAsync("#ladder-standings"), Is.EquivalentTo(new[]
            {
                $"{Amina}|Community members|{NotYet}|{CoreTraining} (core training not yet completed)",
                $"{Bilal}|Clinicians|{NotYet}|{CoreTraining} (core training not yet completed)",
            }),
            "The team page shows where its people stand: nobody on a rung yet.");

        // Before training: both on the team's ladders, neither on a rung yet (Amina has two of the three core modules).
        await Page.FollowAsync(Page.MenuLink("Leadership ladders"));
        await ArriveAsync("/Teams/Ladders", "Leadership ladders");
        Assert.That(await LadderRowsAsync(), Is.EquivalentTo(new[]
        {
            $"{Amina}|{TeamName}|Community members|{NotYet}",
            $"{Bilal}|{TeamName}|Clinicians|{NotYet}",
        }));

        // A session of the third core module, tomorrow evening, for the team.
        var tomorrow = (await LocalTodayAsync()).AddDays(1);
        await Page.FollowAsync(Page.MenuLink("Training"));
        await ArriveAsync("/Teams/Training", "Training");
        await Page.FollowAsync(Page.MainLink("Schedule the first session"));
        await ArriveAsync("/Teams/Training/Sessions/Create", "New training session");
        await Page.Field("Module").SelectOptionAsync(new SelectOptionValue { Label = Module });
        await Page.Field("Team (optional)").SelectOptionAsync(new SelectOptionValue { Label = TeamName });
        await Page.FillFieldAsync("Date", tomorrow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.That(await Page.Field("Starts").InputValueAsync(), Is.EqualTo("18:30"), "An evening session is the usual start.");
        await Page.FillFieldAsync("Place (optional)", "Northfield Community Centre, Room 2");
        await Page.FillFieldAsync("Trainer (optional)", "Tess Trainer");
        await Page.FillFieldAsync("Places", "12");
        await Page.SubmitAsync("Schedule the session");
        await ArriveAsync(@"/Teams/Training/Sessions/[0-9a-f-]{36}", Module);
        var sessionPath = Page.Path();
        await AssertFlashAsync("Session scheduled.");
        Assert.That(await DefinitionAsync("Team"), Is.EqualTo(TeamName));
        Assert.That(await Page.Locator("#places").InnerTextAsync(), Is.EqualTo("0 of 12 taken"));

        // Enrol both from the session page, each found by search.
        foreach (var (search, name) in new[] { ("Amina", Amina), ("07700 900 218", Bilal) })
        {
            await FindAsync(search);
            Assert.That(await MatchNamesAsync("#matches button"), Is.EqualTo(new[] { $"Enrol {name}" }), $"Searching “{search}” should find only {name}.");
            await Page.SubmitAsync($"Enrol {name}");
            await ArriveAsync(Regex.Escape(sessionPath), Module, audit: false);
            await AssertFlashAsync($"{name} is enrolled.");
        }
        await Audit.CheckAsync(Page);
        Assert.That(await Page.Locator("#places").InnerTextAsync(), Is.EqualTo("2 of 12 taken"));
        Assert.That(await Page.Locator("#enrolled tbody tr td:first-child").AllInnerTextsAsync(), Is.EquivalentTo(new[] { Amina, Bilal }));
        Assert.That(await Page.Locator("#enrolled-heading ~ p").Last.InnerTextAsync(), Does.Contain("once the session has started"));

        // Two days on, the session has happened; the 12-hour sign-in has lapsed too, so sign in again.
        App.Clock.Advance(TimeSpan.FromDays(2));
        await Page.OpenAsync("/");
        Assert.That(Page.Path(), Is.EqualTo("/Account/Login"), "Two days later the sign-in should have expired.");
        await AppSteps.SignInAsync(Page, Organiser);

        // The session is now under Past; attendance can be marked on its page.
        await Page.FollowAsync(Page.MenuLink("Training"));
        await ArriveAsync("/Teams/Training", "Training", audit: false);
        Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Contain("No upcoming sessions here."));
        await Page.FollowAsync(Page.MainLink("Past"));
        await ArriveAsync("/Teams/Training", "Training");
        Assert.That(new Uri(Page.Url).Query, Is.EqualTo("?past=true"));
        await Page.FollowAsync(Page.MainLink(Module));
        await ArriveAsync(Regex.Escape(sessionPath), Module);
        await Page.Field($"Not marked yet: {Amina}").CheckAsync();
        await Page.Field($"Not marked yet: {Bilal}").CheckAsync();
        await Page.SubmitAsync("Save attendance");
        await ArriveAsync(Regex.Escape(sessionPath), Module);
        await AssertFlashAsync("Attendance saved: 2 attended, 0 did not.");
        Assert.That(await Page.Field($"Attended: {Amina}").IsCheckedAsync(), Is.True);
        Assert.That(await Page.Field($"Attended: {Bilal}").IsCheckedAsync(), Is.True);

        // The ladder moves on its own: Amina has now done every core module; Bilal one of three.
        await Page.FollowAsync(Page.MenuLink("Leadership ladders"));
        await ArriveAsync("/Teams/Ladders", "Leadership ladders");
        Assert.That(await LadderRowsAsync(), Is.EquivalentTo(new[]
        {
            $"{Amina}|{TeamName}|Community members|1 of 5: {CoreTraining}",
            $"{Bilal}|{TeamName}|Clinicians|{NotYet}",
        }));
        var communityLadder = Page.Locator("main section").Filter(new() { Has = Page.GetByRole(AriaRole.Heading, new() { Name = "Community members", Exact = true }) });
        Assert.That(await communityLadder.Locator("tbody tr").First.Locator("td").Nth(2).InnerTextAsync(), Is.EqualTo("1"),
            $"One community member should be counted on “{CoreTraining}”.");
        await Page.FollowAsync(Page.MainLink(Amina));
        await ArriveAsync(Regex.Escape($"/Teams/Ladders/Person/{people.Amina}"), Amina);
        Assert.That(await Page.Locator("main > p strong").InnerTextAsync(), Is.EqualTo($"rung 1 of 5, {CoreTraining}"));
        var completed = (await Page.Locator("section[aria-labelledby=completions-heading] li").AllInnerTextsAsync()).Select(c => c.Split(',')[0].Trim());
        Assert.That(completed, Is.EquivalentTo(new[] { "One-to-ones (core)", "Power analysis (core)", $"{Module} (core)" }));

        // The team page says the same.
        await Page.FollowAsync(Page.MenuLink("Teams"));
        await ArriveAsync("/Teams", "Teams");
        await Page.FollowAsync(Page.MainLink(TeamName));
        await ArriveAsync(Regex.Escape(teamPath), TeamName);
        Assert.That(await TableRowsAsync("#ladder-standings"), Is.EquivalentTo(new[]
        {
            $"{Amina}|Community members|1 of 5: {CoreTraining}|Held 5 one-to-ones (0 of 5 one-to-ones)",
            $"{Bilal}|Clinicians|{NotYet}|{CoreTraining} (core training not yet completed)",
        }));

        // The sign-in sheet, printed from the session page: a PDF naming both.
        await Page.OpenAsync(sessionPath);
        await ArriveAsync(Regex.Escape(sessionPath), Module, audit: false);
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.MainLink("Print the sign-in sheet (PDF)").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.EndWith(".pdf"));
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.That(bytes.Take(5).ToArray(), Is.EqualTo("%PDF-"u8.ToArray()), "The download should be a PDF.");
        using (var pdf = PdfReader.Open(bytes))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.That(text, Does.Contain($"Sign-in sheet: {Module}"));
            Assert.That(text, Does.Contain(Amina).And.Contain(Bilal).And.Contain("Tess Trainer").And.Contain(TeamName));
            Assert.That(text, Does.Not.Contain(Grace), "Only the enrolled are named.");
        }
        Assert.That(Page.Path(), Is.EqualTo(sessionPath), "Downloading should leave the session on screen.");

        clock.Stop();
        await AssertEveryPageWasCleanAsync(clock.Elapsed);
        Assert.That(BrowserLog.Where(line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "The browser console reported Content Security Policy violations.");
        Assert.That(BrowserLog, Is.Empty, "The browser reported errors on the way.");
    }

    private sealed record SeededPeople(Guid Amina, Guid Bilal, Guid Grace);

    /// <summary>
    /// The network and three people in it (contactable, with phone numbers to search by), and Amina's two earlier
    /// core modules, written through the app's own connection factory.
    /// </summary>
    private async Task<SeededPeople> SeedNetworkAndPeopleAsync()
    {
        var factory = App.Services.GetRequiredService<IDbConnectionFactory>();
        var now = App.Clock.GetUtcNow();
        var at = DapperTypeHandlers.ToDbText(now);
        await using var connection = await factory.OpenAsync();
        await using var transaction = await factory.BeginWriteAsync(connection);

        var networkId = Guid.CreateVersion7();
        await connection.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at) VALUES (@id, @name, 'place', @at)",
            new { id = networkId.ToString(), name = NetworkName, at }, transaction);
        var ids = await ContactablePeople.AddAsync(connection, transaction,
            [new(Amina, "amina.hassan@example.org"), new(Bilal, "dr.okafor@example.net"), new(Grace, "grace.mensah@example.org")], now);
        var phones = new[] { "07700 900461", "07700 900218", "07700 900733" };
        for (var i = 0; i < ids.Count; i++)
        {
            var phone = phones[i];
            await connection.ExecuteAsync("UPDATE networks_person SET phone = @phone, phone_normalized = @normalized, search_text = search_text || '|' || @normalized WHERE id = @id",
                new { id = ids[i].ToString(), phone, normalized = phone.Replace(" ", "") }, transaction);
            await connection.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)",
                new { id = ids[i].ToString(), network = networkId.ToString() }, transaction);
        }
        foreach (var module in new[] { OneToOnesModule, PowerAnalysisModule })
        {
            await connection.ExecuteAsync("INSERT INTO teams_completion (person_id, module_id, completed_at) VALUES (@personId, @module, @completedAt)",
                new { personId = ids[0].ToString(), module = module.ToString(), completedAt = DapperTypeHandlers.ToDbText(now.AddDays(-30)) }, transaction);
        }
        await transaction.CommitAsync();
        return new SeededPeople(ids[0], ids[1], ids[2]);
    }

    /// <summary>Searches with the page's person search box; the search stays in the address.</summary>
    private async Task FindAsync(string search)
    {
        var path = Page.Path();
        await Page.FillFieldAsync("Name, e-mail, phone or postcode", search);
        await Page.SubmitAsync("Find people");
        Assert.That(Page.Path(), Is.EqualTo(path));
        Assert.That(Uri.UnescapeDataString(new Uri(Page.Url).Query.Replace('+', ' ')), Does.Contain("q=" + search));
        await ArriveAsync(Regex.Escape(path), await Page.MainHeading().InnerTextAsync());
    }

    private async Task<string[]> MatchNamesAsync(string selector) =>
        (await Page.Locator(selector).AllInnerTextsAsync()).Select(t => Regex.Replace(t.Trim(), @"\s+", " ")).ToArray();

    /// <summary>The team page's members table, one "name|role|leads" a row.</summary>
    private async Task<string[]> MemberRowsAsync()
    {
        var rows = new List<string>();
        foreach (var row in await Page.Locator("#members tbody tr").AllAsync())
        {
            var cells = await row.Locator("td").AllInnerTextsAsync();
            rows.Add(string.Join("|", cells.Take(3).Select(c => c.Trim())));
        }
        return [.. rows];
    }

    /// <summary>The ladders page's people table, one "name|teams|ladder|rung" a row.</summary>
    private Task<string[]> LadderRowsAsync() => TableRowsAsync("main table >> nth=-1");


    /// <summary>A details page's path under <paramref name="area"/>, as a pattern.</summary>
    private static string DetailsOf(string area) => Regex.Escape(area) + "/[0-9a-f-]{36}";
}
