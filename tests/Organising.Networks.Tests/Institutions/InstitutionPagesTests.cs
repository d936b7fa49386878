using NUnit.Framework;
using System.Net;
using Dapper;
using Organising.Platform.Identity;

namespace Organising.Networks.Tests.Institutions;

[TestFixture]
public sealed class InstitutionPagesTests
{
    private NetworksWorld _world = null!;
    private Guid _riverside;
    private Guid _diabetes;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        _riverside = await _world.AddNetworkAsync("Riverside estate");
        _diabetes = await _world.AddNetworkAsync("Diabetes pathway", "condition");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    /// <summary>A fresh browser signed in as the world's user for <paramref name="role"/>.</summary>
    private Task<Browser> SignInAsync(string role) => _world.App.SignInAsync(_world.Users[role].Email);

    private static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<int> AuditCountAsync(string kind, Guid subject)
    {
        await using var db = _world.App.OpenDatabase();
        return await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id", new { kind, id = subject.ToString() });
    }

    private static Guid IdFrom(string? location) => Guid.Parse(location!.Split('/').Last());

    [Test]
    public async Task A_leader_adds_an_institution_with_its_networks_and_it_is_audited()
    {
        using var leader = await SignInAsync(Roles.Leader);
        var name = Unique("St Mary's Surgery");
        var response = await leader.SubmitAsync("/Networks/Institutions/Create", new()
        {
            ["Input.Name"] = $"  {name} ", ["Input.Type"] = "gp", ["Input.Membership"] = "partner", ["Input.Postcode"] = "e142bg",
            ["Input.Address"] = "1 High Street", ["Input.Notes"] = "Practice manager is keen.",
        }, extra: [new("Input.NetworkIds", _riverside.ToString()), new("Input.NetworkIds", _diabetes.ToString())]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.Errors);
        Assert.That(response.Location, Does.StartWith("/Networks/Institutions/Details/"));
        var id = IdFrom(response.Location);

        var details = await leader.GetAsync(response.Location!);
        Assert.That(details.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(details.Text("h1"), Is.EqualTo(name));
        Assert.That(details.Body, Does.Contain("GP surgery").And.Contain("Partner").And.Contain("E14 2BG").And.Contain("1 High Street"));
        Assert.That(details.Body, Does.Contain("Riverside estate").And.Contain("Diabetes pathway"));
        Assert.That(await AuditCountAsync("networks.institution-created", id), Is.EqualTo(1));
    }

    [Test]
    public async Task The_form_puts_messages_beside_missing_or_wrong_fields()
    {
        using var organiser = await SignInAsync(Roles.Organiser);
        var missing = await organiser.SubmitAsync("/Networks/Institutions/Create", new() { ["Input.Name"] = "", ["Input.Type"] = "" });
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(missing.FieldError("Input.Name"), Is.EqualTo("Enter the institution's name."));
        Assert.That(missing.FieldError("Input.Type"), Is.EqualTo("Choose what type of institution this is."));

        var wrong = await organiser.SubmitAsync("/Networks/Institutions/Create", new()
        {
            ["Input.Name"] = Unique("Castle"), ["Input.Type"] = "castle", ["Input.Membership"] = "overlord", ["Input.Postcode"] = "XX",
        });
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(wrong.FieldError("Input.Type"), Is.EqualTo("Choose one of the types in the list."));
        Assert.That(wrong.FieldError("Input.Membership"), Is.EqualTo("Choose one of the kinds of membership in the list."));
        Assert.That(wrong.FieldError("Input.Postcode"), Is.EqualTo("Enter a full postcode like E14 2BG, or leave it empty."));
    }

    [Test]
    public async Task Hostile_input_gets_messages_or_not_found_never_an_error_page()
    {
        using var organiser = await SignInAsync(Roles.Organiser);
        var huge = new string('x', 100_000);
        var tooLong = await organiser.SubmitAsync("/Networks/Institutions/Create", new()
        {
            ["Input.Name"] = huge, ["Input.Type"] = "gp", ["Input.Address"] = huge, ["Input.Notes"] = huge, ["Input.Postcode"] = huge,
        });
        Assert.That(tooLong.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(tooLong.FieldError("Input.Name"), Is.EqualTo("Use at most 200 characters for the name."));
        Assert.That(tooLong.FieldError("Input.Notes"), Is.EqualTo("Use at most 4,000 characters for the notes."));

        var badNetwork = await organiser.SubmitAsync("/Networks/Institutions/Create", new() { ["Input.Name"] = Unique("Bad network"), ["Input.Type"] = "gp" },
            extra: [new("Input.NetworkIds", "not-a-guid")]);
        Assert.That(badNetwork.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(badNetwork.FieldError("Input.NetworkIds"), Is.Not.Null);

        var unknownNetwork = await organiser.SubmitAsync("/Networks/Institutions/Create", new() { ["Input.Name"] = Unique("Unknown network"), ["Input.Type"] = "gp" },
            extra: [new("Input.NetworkIds", Guid.NewGuid().ToString())]);
        Assert.That(unknownNetwork.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(unknownNetwork.FieldError("Input.NetworkIds"), Does.Contain("no longer exists"));

        var badContact = await organiser.SubmitAsync("/Networks/Institutions/Create", new()
        {
            ["Input.Name"] = Unique("Bad contact"), ["Input.Type"] = "gp", ["Input.MainContactId"] = Guid.NewGuid().ToString(),
        });
        Assert.That(badContact.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(badContact.FieldError("Input.MainContactId"), Is.EqualTo("Choose the main contact from the people listed."));

        var search = await organiser.SubmitAsync("/Networks/Institutions/Create", new() { ["ContactSearch"] = huge + "%_\\" }, handler: "FindContact");
        Assert.That(search.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        foreach (var url in new[]
                 {
                     "/Networks/Institutions/Details/not-a-guid", $"/Networks/Institutions/Details/{Guid.NewGuid()}",
                     $"/Networks/Institutions/Edit/{Guid.NewGuid()}", $"/Networks/Institutions/Archive/{Guid.NewGuid()}",
                 })
        {
            Assert.That((await organiser.GetAsync(url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }

        foreach (var query in new[]
                 {
                     "?network=not-a-guid", "?type=castle", "?membership=%27%3B--", "?page=-3", "?page=99999999999", $"?q={Uri.EscapeDataString(huge)}",
                     "?archived=maybe", "?q=%25_%5C&handler=Csv",
                 })
        {
            var page = await organiser.GetAsync("/Networks/Institutions" + query);
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), query);
        }
    }

    [Test]
    public async Task Editing_saves_changes_and_the_audit_names_fields_not_values()
    {
        var id = await _world.AddInstitutionAsync(Unique("Al-Noor Mosque"), "faith", "prospect", [_riverside]);
        using var leader = await SignInAsync(Roles.Leader);
        var url = $"/Networks/Institutions/Edit/{id}";
        var edit = await leader.GetAsync(url);
        Assert.That(edit.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(edit.Document.QuerySelector($"input[name='Input.NetworkIds'][value='{_riverside}']")?.HasAttribute("checked"), Is.True);

        var saved = await edit.SubmitAsync(leader, new() { ["Input.Membership"] = "member", ["Input.Postcode"] = "N1 9GU", ["Input.NetworkIds"] = _diabetes.ToString() });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(saved.Location, Is.EqualTo($"/Networks/Institutions/Details/{id}"));

        var details = await leader.GetAsync(saved.Location!);
        Assert.That(details.Body, Does.Contain("Dues-paying member").And.Contain("N1 9GU").And.Contain("Diabetes pathway"));
        Assert.That(details.Body, Does.Not.Contain("Riverside estate"));

        await using var db = _world.App.OpenDatabase();
        var summary = await db.ExecuteScalarAsync<string>("SELECT summary FROM platform_audit WHERE kind = 'networks.institution-edited' AND subject_id = @id", new { id = id.ToString() });
        Assert.That(summary, Does.Contain("membership").And.Contain("postcode").And.Contain("networks"));
        Assert.That(summary, Does.Not.Contain("N1 9GU"));
    }

    [Test]
    public async Task Archiving_asks_first_hides_the_institution_and_it_can_be_restored()
    {
        var name = Unique("Riverside Residents' Association");
        var id = await _world.AddInstitutionAsync(name, "residents", "member");
        using var organiser = await SignInAsync(Roles.Organiser);

        var confirm = await organiser.GetAsync($"/Networks/Institutions/Archive/{id}");
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(confirm.Text("h1"), Is.EqualTo($"Archive {name}?"));
        var archived = await confirm.SubmitAsync(organiser);
        Assert.That(archived.Location, Is.EqualTo("/Networks/Institutions"));
        Assert.That(await AuditCountAsync("networks.institution-archived", id), Is.EqualTo(1));

        Assert.That((await organiser.GetAsync($"/Networks/Institutions?q={Uri.EscapeDataString(name)}")).Body, Does.Not.Contain($"/Networks/Institutions/Details/{id}"));
        Assert.That((await organiser.GetAsync($"/Networks/Institutions?q={Uri.EscapeDataString(name)}&archived=true")).Body, Does.Contain($"/Networks/Institutions/Details/{id}"));

        var restored = await organiser.SubmitAsync($"/Networks/Institutions/Edit/{id}", formSelector: "form[action*='handler=Restore']");
        Assert.That(restored.Location, Is.EqualTo($"/Networks/Institutions/Details/{id}"));
        Assert.That(await AuditCountAsync("networks.institution-restored", id), Is.EqualTo(1));
        Assert.That((await organiser.GetAsync($"/Networks/Institutions?q={Uri.EscapeDataString(name)}")).Body, Does.Contain($"/Networks/Institutions/Details/{id}"));
    }

    [Test]
    public async Task The_main_contact_is_found_by_search_without_script_and_saved()
    {
        var surname = Unique("Okafor");
        var person = await _world.AddPersonAsync($"Grace {surname}");
        await _world.LetLeaderReachAsync(person);
        var id = await _world.AddInstitutionAsync(Unique("Hope Church"));
        using var leader = await SignInAsync(Roles.Leader);

        var found = await leader.SubmitAsync($"/Networks/Institutions/Edit/{id}", new() { ["ContactSearch"] = surname, ["Input.Notes"] = "kept while searching" }, handler: "FindContact");
        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(found.Text("[role=status]"), Is.EqualTo("1 person found: choose them above."));
        Assert.That(found.Document.QuerySelector($"input[type=radio][value='{person}']"), Is.Not.Null);
        Assert.That(found.Document.QuerySelector("#Input_Notes")?.TextContent, Is.EqualTo("kept while searching"));

        var saved = await found.SubmitAsync(leader, new() { ["Input.MainContactId"] = person.ToString() });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var details = await leader.GetAsync(saved.Location!);
        Assert.That(details.Body, Does.Contain($"Grace {surname}"));

        var erased = await _world.AddPersonAsync($"Erased {surname}", erased: true);
        var refused = await leader.SubmitAsync($"/Networks/Institutions/Edit/{id}", new() { ["Input.MainContactId"] = erased.ToString() });
        Assert.That(refused.FieldError("Input.MainContactId"), Is.EqualTo("Choose the main contact from the people listed."));
    }

    [Test]
    public async Task A_volunteer_sees_only_the_affiliated_people_they_added()
    {
        var volunteer = _world.Volunteer.Id;
        var own = await _world.AddPersonAsync("Fatima Own-Record", createdBy: volunteer);
        var other = await _world.AddPersonAsync("Samuel Someone-Else", createdBy: _world.Organiser.Id);
        var id = await _world.AddInstitutionAsync(Unique("Somali Community Centre"), "charity", mainContact: other);
        await _world.AffiliateAsync(own, id);
        await _world.AffiliateAsync(other, id, "leader");

        using var client = await SignInAsync(Roles.Volunteer);
        var details = await client.GetAsync($"/Networks/Institutions/Details/{id}");
        Assert.That(details.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(details.Body, Does.Contain("Fatima Own-Record"));
        Assert.That(details.Body, Does.Not.Contain("Samuel Someone-Else"));
        Assert.That(details.Body, Does.Contain("2 people are affiliated").And.Contain("You can see 1 of them"));
        Assert.That(details.Body, Does.Contain("Recorded (you cannot see who)"));

        var list = await client.GetAsync($"/Networks/Institutions?q={Uri.EscapeDataString("Somali Community Centre")}");
        Assert.That(list.Body, Does.Not.Contain("Samuel Someone-Else"));
        var csv = await client.GetAsync($"/Networks/Institutions?handler=Csv&q={Uri.EscapeDataString("Somali Community Centre")}");
        Assert.That(csv.Body, Does.Not.Contain("Samuel Someone-Else"));

        using var organiser = await SignInAsync(Roles.Organiser);
        Assert.That((await organiser.GetAsync($"/Networks/Institutions/Details/{id}")).Body, Does.Contain("Samuel Someone-Else"));
    }

    [TestCase(Roles.Administrator, true, true)]
    [TestCase(Roles.Organiser, true, true)]
    [TestCase(Roles.Leader, true, true)]
    [TestCase(Roles.Volunteer, true, false)]
    [TestCase(Roles.Observer, false, false)]
    public async Task Each_role_may_view_and_edit_as_the_policy_says(string role, bool canView, bool canEdit)
    {
        var id = await _world.AddInstitutionAsync(Unique("Access test"));
        using var client = await SignInAsync(role);

        foreach (var url in new[] { "/Networks/Institutions", $"/Networks/Institutions/Details/{id}", "/Networks/Institutions?handler=Csv" })
        {
            var page = await client.GetAsync(url);
            if (canView) Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            else Assert.That(page.Location, Does.StartWith("/Account/AccessDenied"), url);
        }
        foreach (var url in new[] { "/Networks/Institutions/Create", $"/Networks/Institutions/Edit/{id}", $"/Networks/Institutions/Archive/{id}" })
        {
            var page = await client.GetAsync(url);
            if (canEdit) Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
            else Assert.That(page.Location, Does.StartWith("/Account/AccessDenied"), url);
        }
        if (canView)
        {
            var list = await client.GetAsync("/Networks/Institutions");
            Assert.That(list.Document.QuerySelector("a[href='/Networks/Institutions/Create']") is not null, Is.EqualTo(canEdit));
            var details = await client.GetAsync($"/Networks/Institutions/Details/{id}");
            Assert.That(details.Document.QuerySelector($"a[href='/Networks/Institutions/Edit/{id}']") is not null, Is.EqualTo(canEdit));
        }
        if (!canEdit)
        {
            var name = Unique("Sneaky");
            var post = await client.PostAsync("/Networks/Institutions/Create", [new("Input.Name", name), new("Input.Type", "gp"), new("Input.Membership", "member")]);
            Assert.That(post.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
            var archive = await client.PostAsync($"/Networks/Institutions/Archive/{id}", []);
            Assert.That(archive.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
            await using var db = _world.App.OpenDatabase();
            Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_institution WHERE name = @name", new { name }), Is.EqualTo(0));
            Assert.That(await db.ExecuteScalarAsync<string?>("SELECT archived_at FROM networks_institution WHERE id = @id", new { id = id.ToString() }), Is.Null);
        }
    }

    [Test]
    public async Task Search_and_filters_narrow_the_list_and_the_csv_follows_them()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var school = await _world.AddInstitutionAsync($"Bow School {tag}", "school", "member", [_riverside], postcode: "E3 2AB");
        var gp = await _world.AddInstitutionAsync($"Bow Surgery {tag}", "gp", "partner", [_diabetes], postcode: "E3 4XY");
        var formula = await _world.AddInstitutionAsync($"=HYPERLINK(\"x\") {tag}", "other", "prospect", [_riverside]);
        using var volunteer = await SignInAsync(Roles.Volunteer);

        string[] Listed(PageResponse page) => page.Document.QuerySelectorAll("tbody a[href^='/Networks/Institutions/Details/']").Select(a => a.GetAttribute("href")!.Split('/').Last()).ToArray();

        Assert.That(Listed(await volunteer.GetAsync($"/Networks/Institutions?q={tag}")), Is.EquivalentTo(new[] { school, gp, formula }.Select(g => g.ToString())));
        var schools = await volunteer.GetAsync($"/Networks/Institutions?q={tag}&type=school");
        Assert.That(Listed(schools), Is.EqualTo(new[] { school.ToString() }));
        Assert.That(schools.Text("tbody tr td:nth-child(6)"), Is.EqualTo("Riverside estate"));
        Assert.That(Listed(await volunteer.GetAsync($"/Networks/Institutions?q={tag}&membership=partner")), Is.EqualTo(new[] { gp.ToString() }));
        Assert.That(Listed(await volunteer.GetAsync($"/Networks/Institutions?q={tag}&network={_diabetes}")), Is.EqualTo(new[] { gp.ToString() }));
        Assert.That(Listed(await volunteer.GetAsync("/Networks/Institutions?q=e34x")), Does.Contain(gp.ToString()));
        Assert.That(Listed(await volunteer.GetAsync("/Networks/Institutions?q=E3%204X")), Does.Contain(gp.ToString()).And.Not.Contain(school.ToString()));

        var ignored = await volunteer.GetAsync($"/Networks/Institutions?q={tag}&type=castle&network=nonsense");
        Assert.That(ignored.Text("form[role=search] [role=alert]"), Is.EqualTo("Some filters could not be read and were ignored."));
        Assert.That(Listed(ignored), Has.Length.EqualTo(3));

        var csv = await volunteer.GetAsync($"/Networks/Institutions?handler=Csv&q={tag}&network={_riverside}");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Header("Content-Disposition"), Does.Contain("institutions-"));
        var lines = csv.Body.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("Name,Type,Membership"));
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(csv.Body, Does.Contain($"Bow School {tag}").And.Contain("School").And.Not.Contain("Bow Surgery"));
        Assert.That(csv.Body, Does.Not.Contain("\n=HYPERLINK").And.Not.Contain(",=HYPERLINK"), "formulae are escaped");
    }

    [Test]
    public async Task The_list_pages_in_a_stable_order()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 55; i++) await _world.AddInstitutionAsync($"Paging {tag} {i:00}", "other", "prospect");
        using var leader = await SignInAsync(Roles.Leader);
        var first = await leader.GetAsync($"/Networks/Institutions?q=Paging%20{tag}");
        var second = await leader.GetAsync($"/Networks/Institutions?q=Paging%20{tag}&page=2");
        Assert.That(first.Text("caption"), Is.EqualTo("1–50 of 55 institutions, by name"));
        Assert.That(second.Text("caption"), Is.EqualTo("51–55 of 55 institutions, by name"));
        Assert.That(second.Document.QuerySelector("tbody tr a")?.TextContent, Is.EqualTo($"Paging {tag} 50"));
        Assert.That(first.Document.QuerySelector("nav[aria-label=Pages] a")?.GetAttribute("href"), Does.Contain("page=2").And.Contain($"q=Paging%20{tag}"));
    }
}

[TestFixture]
public sealed class InstitutionFirstRunTests
{
    [Test]
    public async Task An_empty_install_explains_institutions_and_offers_the_first_one()
    {
        await using var world = await NetworksWorld.StartAsync();
        var organiser = world.Organiser.Browser;
        var page = await organiser.GetAsync("/Networks/Institutions");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text("main h2"), Is.EqualTo("No institutions yet"));
        Assert.That(page.Document.QuerySelector("main a[href='/Networks/Institutions/Create']"), Is.Not.Null);
        Assert.That(page.Document.QuerySelector("main a[href='/Networks']"), Is.Not.Null, "suggests setting up networks first");

        var form = await organiser.GetAsync("/Networks/Institutions/Create");
        Assert.That(form.Body, Does.Contain("There are no networks yet."));
    }
}
