using NUnit.Framework;
using System.Net;
using System.Xml.Linq;
using Organising.Platform.Identity;

namespace Organising.Networks.Tests.Reach;

/// <summary>The network page: who a network reaches, as numbers that anyone (Observers too) may see, with no names.</summary>
[TestFixture]
public sealed class ReachPageTests
{
    private static readonly string[] PeopleNames = ["Amina Hassan", "Bilal Rahman", "Chloe Martin", "Dorota Nowak", "Erased Person", "Elsewhere Person"];

    private NetworksWorld _world = null!;
    private Guid _network;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        _network = await _world.AddNetworkAsync("Riverside estate");
        var elsewhere = await _world.AddNetworkAsync("Elsewhere");

        // Amina: withdrew consent to contact after giving it.
        var amina = await _world.AddPersonAsync("Amina Hassan", [_network], ["patient", "carer"], "so", newToInvolvement: true);
        await _world.AddConsentAsync(amina, "contact", "given", "2026-01-10");
        await _world.AddConsentAsync(amina, "contact", "withdrawn", "2026-02-01");
        // Bilal: gave it again after withdrawing; a withdrawal recorded earlier for the same day loses to a later record.
        var bilal = await _world.AddPersonAsync("Bilal Rahman", [_network], ["resident"], "en-GB", newToInvolvement: true);
        await _world.AddConsentAsync(bilal, "contact", "withdrawn", "2026-01-05");
        await _world.AddConsentAsync(bilal, "contact", "withdrawn", "2026-03-01", "2026-03-01T09:00:00.0000000Z");
        await _world.AddConsentAsync(bilal, "contact", "given", "2026-03-01", "2026-03-01T10:00:00.0000000Z");
        // Chloe: gave consent to contact; withdrawing reminders later must not change that.
        var chloe = await _world.AddPersonAsync("Chloe Martin", [_network, elsewhere], ["resident"], " SO ");
        await _world.AddConsentAsync(chloe, "contact", "given", "2026-03-01");
        await _world.AddConsentAsync(chloe, "reminders", "withdrawn", "2026-04-01");
        // Dorota: no role, no language, no consent record.
        await _world.AddPersonAsync("Dorota Nowak", [_network]);
        // Left out: an erased person, and someone in another network only.
        var erased = await _world.AddPersonAsync("Erased Person", [_network], ["patient"], "so", newToInvolvement: true, erased: true);
        await _world.AddConsentAsync(erased, "contact", "given", "2026-01-01");
        await _world.AddPersonAsync("Elsewhere Person", [elsewhere], ["clinician"], "pl", newToInvolvement: true);

        await _world.AddInstitutionAsync("Al-Noor Mosque", "faith", "member", [_network]);
        await _world.AddInstitutionAsync("Riverside Surgery", "gp", "partner", [_network]);
        await _world.AddInstitutionAsync("St Paul's Church", "faith", "prospect", [_network, elsewhere]);
        await _world.AddInstitutionAsync("Closed Club", "charity", "member", [_network], archived: true);
        await _world.AddInstitutionAsync("Far School", "school", "member", [elsewhere]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    /// <summary>A fresh browser signed in as the world's user for <paramref name="role"/>.</summary>
    private Task<Browser> SignInAsync(string role) => _world.App.SignInAsync(_world.Users[role].Email);

    private static Dictionary<string, string> TableRows(PageResponse page, string tableId) =>
        page.Document.QuerySelectorAll($"#{tableId} tbody tr").ToDictionary(
            r => r.QuerySelector("th")!.TextContent.Trim(),
            r => r.QuerySelector("td")!.TextContent.Trim());

    [Test]
    public async Task The_numbers_are_right_for_a_seeded_network()
    {
        using var client = await SignInAsync(Roles.Organiser);
        var page = await client.GetAsync($"/Networks/Details/{_network}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text("h1"), Is.EqualTo("Riverside estate"));
        Assert.That(page.Body, Does.Contain("Place (an estate or a ward)"));

        Assert.That(page.Text("#reach-people"), Is.EqualTo("4"));
        Assert.That(page.Text("#reach-new"), Is.EqualTo("50%"), "Amina and Bilal of 4");
        Assert.That(page.Text("#reach-consent"), Is.EqualTo("2"), "Bilal and Chloe");
        Assert.That(TableRows(page, "consent-table"), Is.EqualTo(new Dictionary<string, string> { ["Given"] = "2", ["Withdrawn"] = "1", ["Never recorded"] = "1" }));

        Assert.That(TableRows(page, "roles-table"), Is.EqualTo(new Dictionary<string, string>
        {
            ["Patient"] = "1", ["Carer"] = "1", ["Resident"] = "2", ["Clinician"] = "0", ["Staff"] = "0", ["Other"] = "0", ["No role recorded"] = "1",
        }));
        Assert.That(TableRows(page, "languages-table"), Is.EqualTo(new Dictionary<string, string>
        {
            ["Somali"] = "2", ["English (United Kingdom)"] = "1", ["Not recorded"] = "1",
        }));
        Assert.That(TableRows(page, "institutions-table"), Is.EqualTo(new Dictionary<string, string> { ["Faith institution"] = "2", ["GP surgery"] = "1" }));
        Assert.That(page.Body, Does.Contain("3 institutions").And.Contain("1 dues-paying member, 1 partner, 1 prospect"));
    }

    [Test]
    public async Task Observers_see_the_numbers_but_no_name_of_a_person_or_institution_list()
    {
        using var observer = await SignInAsync(Roles.Observer);
        var page = await observer.GetAsync($"/Networks/Details/{_network}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text("#reach-people"), Is.EqualTo("4"));
        foreach (var name in PeopleNames) Assert.That(page.Body, Does.Not.Contain(name));
        Assert.That(page.Document.QuerySelector("a[href^='/Networks/Institutions']"), Is.Null, "Observers cannot open the institutions list");
        Assert.That(page.Document.QuerySelector($"a[href='/Networks/Edit/{_network}']"), Is.Null);
        Assert.That(page.Document.QuerySelector($"a[href='/Networks/Archive/{_network}']"), Is.Null);
    }

    [TestCase(Roles.Administrator, true)]
    [TestCase(Roles.Organiser, true)]
    [TestCase(Roles.Leader, false)]
    [TestCase(Roles.Volunteer, false)]
    [TestCase(Roles.Observer, false)]
    public async Task Only_those_who_manage_networks_get_edit_and_archive_links(string role, bool canManage)
    {
        using var client = await SignInAsync(role);
        var page = await client.GetAsync($"/Networks/Details/{_network}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Document.QuerySelector($"a[href='/Networks/Edit/{_network}']") is not null, Is.EqualTo(canManage));
        Assert.That(page.Document.QuerySelector($"a[href='/Networks/Archive/{_network}']") is not null, Is.EqualTo(canManage));
        foreach (var name in PeopleNames) Assert.That(page.Body, Does.Not.Contain(name), "the reach page never names people");
    }

    [Test]
    public async Task The_chart_is_valid_svg_with_a_name_and_a_table_gives_the_same_numbers()
    {
        using var client = await SignInAsync(Roles.Leader);
        var page = await client.GetAsync($"/Networks/Details/{_network}");
        var svgElement = page.Document.QuerySelector("svg#people-by-role-chart");
        Assert.That(svgElement, Is.Not.Null);

        var svg = XElement.Parse(svgElement!.OuterHtml.Replace("<svg ", "<svg xmlns=\"http://www.w3.org/2000/svg\" ", StringComparison.Ordinal).Replace("xmlns=\"http://www.w3.org/2000/svg\" xmlns=\"http://www.w3.org/2000/svg\"", "xmlns=\"http://www.w3.org/2000/svg\""));
        Assert.That(svg.Name.LocalName, Is.EqualTo("svg"));
        Assert.That((string?)svg.Attribute("role"), Is.EqualTo("img"));
        Assert.That((string?)svg.Attribute("viewBox"), Is.Not.Null);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(svg.Element(ns + "title")?.Value, Is.EqualTo("People in Riverside estate by role"));
        Assert.That(svg.Element(ns + "desc")?.Value, Does.Contain("Resident: 2").And.Contain("No role recorded: 1"));
        Assert.That(svg.Descendants(ns + "style"), Is.Empty, "no style element: the CSP forbids inline styles");
        Assert.That(svg.Descendants(ns + "script"), Is.Empty);
        Assert.That(svg.Descendants().Attributes("style"), Is.Empty);
        Assert.That(svg.Descendants(ns + "rect").Count(), Is.GreaterThan(3), "bars are drawn");

        Assert.That(page.Document.QuerySelector("table#roles-table caption")?.TextContent, Is.EqualTo("People by role"));
        Assert.That(page.Document.QuerySelectorAll("table#roles-table th[scope=col]"), Has.Length.EqualTo(3));
    }

    [Test]
    public async Task The_page_has_no_inline_script_or_style()
    {
        using var client = await SignInAsync(Roles.Organiser);
        var page = await client.GetAsync($"/Networks/Details/{_network}");
        Assert.That(page.Document.QuerySelectorAll("script:not([src])"), Is.Empty);
        Assert.That(page.Document.QuerySelectorAll("style"), Is.Empty);
        Assert.That(page.Document.QuerySelectorAll("[style]"), Is.Empty);
    }

    [Test]
    public async Task An_empty_network_says_so_without_a_chart()
    {
        var empty = await _world.AddNetworkAsync("Brand new community", "community");
        using var client = await SignInAsync(Roles.Leader);
        var page = await client.GetAsync($"/Networks/Details/{empty}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Body, Does.Contain("Nobody is in this network yet."));
        Assert.That(page.Document.QuerySelector("svg"), Is.Null);
        Assert.That(page.Document.QuerySelector($"a[href='/Networks/Institutions/Create?network={empty}']"), Is.Not.Null, "Leaders may add an institution to it");
    }

    [Test]
    public async Task Someone_added_through_the_app_counts_at_once_on_the_network_pages()
    {
        var network = await _world.AddNetworkAsync("Market ward");
        using var organiser = await SignInAsync(Roles.Organiser);
        Assert.That((await organiser.GetAsync($"/Networks/Details/{network}")).Body, Does.Contain("Nobody is in this network yet."));
        var before = await organiser.GetAsync("/Networks");

        var created = await organiser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = "Fatima Market", ["Input.NetworkIds"] = network.ToString() });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Errors);

        Assert.That((await organiser.GetAsync($"/Networks/Details/{network}")).Text("#reach-people"), Is.EqualTo("1"), "the figures kept in memory are dropped by the write");
        Assert.That((await organiser.GetAsync("/Networks")).Body, Is.Not.EqualTo(before.Body), "the list's counts too");
    }

    [Test]
    public async Task Creating_a_network_leads_to_its_page_and_the_list_links_to_it()
    {
        using var organiser = await SignInAsync(Roles.Organiser);
        var created = await organiser.SubmitAsync("/Networks/Create", new() { ["Input.Name"] = "Diabetes pathway", ["Input.Kind"] = "condition", ["Input.PostcodeDistricts"] = "" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.Text(".alert-danger"));
        Assert.That(created.Location, Does.StartWith("/Networks/Details/"));
        Assert.That((await organiser.GetAsync(created.Location!)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await organiser.GetAsync("/Networks")).Document.QuerySelector($"a[href='{created.Location}']"), Is.Not.Null);
    }

    [Test]
    public async Task Bad_addresses_answer_not_found()
    {
        using var client = await SignInAsync(Roles.Observer);
        foreach (var url in new[] { $"/Networks/Details/{Guid.NewGuid()}", "/Networks/Details/not-a-guid", "/Networks/Details/" + new string('9', 5000) })
        {
            Assert.That((await client.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url[..Math.Min(url.Length, 60)]);
        }
    }
}
