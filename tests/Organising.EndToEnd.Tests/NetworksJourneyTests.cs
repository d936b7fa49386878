using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NUnit.Framework;
using Organising.EndToEnd.Tests.Infrastructure;

namespace Organising.EndToEnd.Tests;

/// <summary>
/// An Organiser's first morning with the Networks module, in Chromium against the real app: create a
/// place network → an institution in it → a person affiliated to it and in the network → record their
/// consent to contact → find them on People by a fragment of their phone number → download that list
/// as CSV → see them counted on the network's reach page. Every page visited passes axe-core (no
/// serious or critical violation) and breaks nothing in the Content Security Policy.
/// </summary>
[TestFixture]
public sealed class NetworksJourneyTests : JourneyFixture
{
    private static readonly Person Organiser = new("Olu Organiser", "olu@example.org", "the estate meets on tuesdays");

    private const string NetworkName = "Riverside estate";
    private const string InstitutionName = "St Mary's Church";
    private const string PersonName = "Amina Hassan";
    private const string PersonEmail = "amina.hassan@example.org";
    private const string OtherName = "Bilal Okafor";

    private static readonly string[] SpecialCategoryColumns = ["Ethnicity", "Faith", "Health conditions"];


    [Test]
    public async Task An_organiser_adds_a_network_institution_and_consenting_person_then_finds_exports_and_counts_them()
    {
        var clock = Stopwatch.StartNew();
        await ContentSecurityPolicyWatch.StartAsync(Page);

        // The first user of a fresh install is its Administrator, who is an Organiser in Networks.
        // (FirstRunJourneyTests audits the set-up and home pages.)
        await AppSteps.CompleteFirstRunSetupAsync(Page, Organiser);

        // No networks yet: the empty page says what a network is and offers to create one.
        await Page.FollowAsync(Page.MenuLink("Networks"));
        await ArriveAsync("/Networks", "Networks");
        Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Contain("No networks yet"));
        await Page.FollowAsync(Page.MainLink("Create the first network"));
        await ArriveAsync("/Networks/Create", "New network");

        await Page.FillFieldAsync("Name", NetworkName);
        await Page.Field("Kind").SelectOptionAsync(new SelectOptionValue { Value = "place" });
        await Page.FillFieldAsync("Postcode districts (optional)", "E14 E3");
        await Page.FillFieldAsync("Description (optional)", "The Riverside and Lansbury estates, either side of the DLR.");
        await Page.SubmitAsync("Create the network");
        await ArriveAsync(DetailsOf("/Networks"), NetworkName);
        var networkPath = Page.Path();
        await AssertFlashAsync($"Network “{NetworkName}” created.");
        Assert.That(await DefinitionAsync("Postcode districts"), Is.EqualTo("E14 E3"));
        Assert.That(await Page.Locator("#people-heading + p").InnerTextAsync(), Does.StartWith("Nobody is in this network yet"));

        // No institutions yet either: add the first from the Institutions page, ticking the network.
        await Page.FollowAsync(Page.MenuLink("Institutions"));
        await ArriveAsync("/Networks/Institutions", "Institutions");
        Assert.That(await Page.Locator("main").InnerTextAsync(), Does.Contain("No institutions yet"));
        await Page.FollowAsync(Page.MainLink("Add the first institution"));
        await ArriveAsync("/Networks/Institutions/Create", "New institution");
        await Page.FillFieldAsync("Name", InstitutionName);
        await Page.Field("Type").SelectOptionAsync(new SelectOptionValue { Value = "faith" });
        await Page.Field("Membership").SelectOptionAsync(new SelectOptionValue { Value = "member" });
        await Page.FillFieldAsync("Postcode (optional)", "E14 6AB");
        await Page.Field(NetworkName).CheckAsync();
        await Page.SubmitAsync("Add the institution");
        await ArriveAsync(DetailsOf("/Networks/Institutions"), InstitutionName);
        Assert.That(await Page.Locator("section[aria-labelledby=networks-heading] li").AllInnerTextsAsync(), Is.EqualTo(new[] { NetworkName }));

        // No people yet: add the first, in the network and leading at the church.
        await Page.FollowAsync(Page.MenuLink("People"));
        await ArriveAsync("/Networks/People", "People");
        Assert.That(await Page.Locator("#empty-state").InnerTextAsync(), Does.Contain("No people yet"));
        await Page.FollowAsync(Page.MainLink("Add the first person"));
        await ArriveAsync("/Networks/People/Create", "Add a person");
        await Page.FillFieldAsync("Full name", PersonName);
        await Page.FillFieldAsync("E-mail address (optional)", PersonEmail);
        await Page.FillFieldAsync("Phone (optional)", "07700 900461");
        await Page.FillFieldAsync("Postcode (optional)", "e14 7hg");
        await Page.FillFieldAsync("Access needs (optional)", "Step-free access.\nAn Arabic interpreter at big meetings.");
        await Page.Field(NetworkName).CheckAsync();
        await Page.Field("Institution 1 (optional)").SelectOptionAsync(new SelectOptionValue { Label = InstitutionName });
        await Page.Field("Their role there 1 (optional)").SelectOptionAsync(new SelectOptionValue { Value = "leader" });
        await Page.SubmitAsync("Add the person");
        await ArriveAsync(DetailsOf("/Networks/People"), PersonName);
        var personPath = Page.Path();
        await AssertFlashAsync($"{PersonName} added.");
        Assert.That(await DefinitionAsync("Postcode"), Is.EqualTo("E14 7HG"), "The postcode should be stored in its usual written form.");
        Assert.That(await DefinitionAsync("Networks"), Is.EqualTo(NetworkName));
        Assert.That(await DefinitionAsync("Affiliations"), Is.EqualTo($"{InstitutionName} (leader)"));
        Assert.That(await Page.Locator("main .alert-info").InnerTextAsync(), Does.StartWith("No consent to contact is recorded yet"));
        Assert.That(await ConsentNowAsync("contact"), Is.EqualTo("Not recorded"));

        // She agrees, on paper, to be contacted.
        await Page.Field("Purpose").SelectOptionAsync(new SelectOptionValue { Value = "contact" });
        await Page.Field("Given or withdrawn").SelectOptionAsync(new SelectOptionValue { Value = "given" });
        await Page.FillFieldAsync("Version of the wording", "Consent form v2, March 2025");
        Assert.That(await Page.Field("Date").InputValueAsync(), Does.Match(@"^\d{4}-\d{2}-\d{2}$"), "The date should start as today.");
        await Page.Field("How").SelectOptionAsync(new SelectOptionValue { Value = "paper" });
        await Page.SubmitAsync("Record it");
        await ArriveAsync(Regex.Escape(personPath), PersonName);
        Assert.That(await ConsentNowAsync("contact"), Is.EqualTo("Given"));
        Assert.That(await Page.Locator("main .alert-info").CountAsync(), Is.Zero, "The no-consent warning should be gone.");
        var history = await Page.Locator("#consent-history tbody tr").AllInnerTextsAsync();
        Assert.That(history, Has.Count.EqualTo(1));
        Assert.That(history[0], Does.Contain("Contact for organising").And.Contain("Given").And.Contain("Consent form v2, March 2025").And.Contain(Organiser.Name));

        // Someone else, outside the network, so that finding her is a real search.
        await Page.FollowAsync(Page.MenuLink("People"));
        await ArriveAsync("/Networks/People", "People");
        await Page.FollowAsync(Page.MainLink("Add a person"));
        await ArriveAsync("/Networks/People/Create", "Add a person", audit: false);
        await Page.FillFieldAsync("Full name", OtherName);
        await Page.FillFieldAsync("E-mail address (optional)", "bilal@example.net");
        await Page.FillFieldAsync("Phone (optional)", "07700 900218");
        await Page.FillFieldAsync("Postcode (optional)", "SE1 7PB");
        await Page.SubmitAsync("Add the person");
        await ArriveAsync(DetailsOf("/Networks/People"), OtherName, audit: false);

        // People lists both; a fragment of her phone number, typed with a space, finds only her.
        await Page.FollowAsync(Page.MenuLink("People"));
        await ArriveAsync("/Networks/People", "People", audit: false);
        Assert.That(await ListedNamesAsync(), Is.EqualTo(new[] { PersonName, OtherName }));
        await Page.FillFieldAsync("Search", "900 461");
        await Page.SubmitAsync("Search");
        await ArriveAsync("/Networks/People", "People");
        Assert.That(new Uri(Page.Url).Query, Does.Contain("q=900+461"), "The search should be in the address, to bookmark or share.");
        Assert.That(await ListedNamesAsync(), Is.EqualTo(new[] { PersonName }));
        var row = await Page.Locator("main table tbody tr").InnerTextAsync();
        Assert.That(row, Does.Contain(PersonEmail).And.Contain("E14 7HG").And.Contain(NetworkName).And.Contain("Given"));

        // The CSV of that search: a header, her row, nobody else, and no special-category columns.
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.MainLink("Download CSV").ClickAsync());
        Assert.That(download.SuggestedFilename, Does.Match(@"^people-\d{4}-\d{2}-\d{2}\.csv$"));
        var csv = ParseCsv(await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8));
        Assert.That(csv, Has.Count.EqualTo(2), "The CSV should hold a header and the one person found.");
        var header = csv[0];
        Assert.That(header, Is.SupersetOf(new[] { "Full name", "E-mail", "Phone", "Postcode", "Networks", "Affiliations", "Consent to contact" }));
        Assert.That(header.Intersect(SpecialCategoryColumns), Is.Empty, "A plain download must not carry special-category columns.");
        Assert.That(csv[1], Has.Length.EqualTo(header.Length));
        string Cell(string column) => csv[1][Array.IndexOf(header, column)];
        Assert.That(Cell("Full name"), Is.EqualTo(PersonName));
        Assert.That(Cell("E-mail"), Is.EqualTo(PersonEmail));
        Assert.That(Cell("Postcode"), Is.EqualTo("E14 7HG"));
        Assert.That(Cell("Networks"), Is.EqualTo(NetworkName));
        Assert.That(Cell("Affiliations"), Is.EqualTo($"{InstitutionName} (leader)"));
        Assert.That(Cell("Consent to contact"), Is.EqualTo("given"));
        Assert.That(Cell("Access needs").ReplaceLineEndings("\n"), Is.EqualTo("Step-free access.\nAn Arabic interpreter at big meetings."));
        Assert.That(Page.Path(), Is.EqualTo("/Networks/People"), "Downloading should leave the list on screen.");

        // The network's reach page counts her, her consent and the church.
        await Page.FollowAsync(Page.MenuLink("Networks"));
        await ArriveAsync("/Networks", "Networks");
        var networkRow = Page.Locator("main table tbody tr").Filter(new() { HasText = NetworkName });
        Assert.That(await networkRow.Locator("td").AllInnerTextsAsync(), Is.EqualTo(new[] { NetworkName, "Place (an estate or a ward)", "1", "1", "Current" }));
        await Page.FollowAsync(networkRow.GetByRole(AriaRole.Link, new() { Name = NetworkName, Exact = true }));
        await ArriveAsync(Regex.Escape(networkPath), NetworkName);
        Assert.That(await Page.Locator("#reach-people").InnerTextAsync(), Is.EqualTo("1"));
        Assert.That(await Page.Locator("#reach-consent").InnerTextAsync(), Is.EqualTo("1"));
        Assert.That(await Page.Locator("#consent-table tbody tr").Filter(new() { HasText = "Given" }).Locator("td").AllInnerTextsAsync(),
            Is.EqualTo(new[] { "1", "100%" }));
        Assert.That(await Page.Locator("#institutions-heading + p").InnerTextAsync(), Does.StartWith("1 institution: 1 dues-paying member"));

        clock.Stop();
        await AssertEveryPageWasCleanAsync(clock.Elapsed);
        Assert.That(BrowserLog.Where(line => line.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)), Is.Empty,
            "The browser console reported Content Security Policy violations.");
        Assert.That(BrowserLog, Is.Empty, "The browser reported errors on the way.");
    }

    /// <summary>A details page's path under <paramref name="area"/>, as a pattern.</summary>
    private static string DetailsOf(string area) => Regex.Escape(area) + "/Details/[0-9a-f-]{36}";

    private Task<string> ConsentNowAsync(string purpose) => Page.Locator($"#consent td[data-purpose='{purpose}']").InnerTextAsync();

    private async Task<string[]> ListedNamesAsync() =>
        (await Page.Locator("main table tbody tr td:first-child a").AllInnerTextsAsync()).ToArray();

    /// <summary>RFC 4180: fields separated by commas, quoted when they hold commas, quotes or line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); }
            else if (c != '\r') field.Append(c);
        }
        if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add([.. row]); }
        return rows;
    }
}
