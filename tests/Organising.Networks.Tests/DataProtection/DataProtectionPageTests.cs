using System.Net;
using System.Text.Json;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;
using static Organising.Networks.Tests.DataProtection.PersonRows;

namespace Organising.Networks.Tests.DataProtection;

/// <summary>The duplicates, merge, export and erase pages through HTTP: who may reach them, and the journeys through them.</summary>
public sealed class DataProtectionPageTests
{
    private NetworksWorld _world = null!;
    private Guid _someone, _volunteersOwn;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        _someone = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = "Sam Someone", Email = "sam@example.org" });
        _volunteersOwn = await _world.SendAsAsync(_world.Volunteer, new SavePerson.Command { FullName = "Vera Volunteered", Email = "vera@example.org" });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private static string[] Pages(Guid id, Guid other) =>
    [
        "/Networks/Duplicates", "/Networks/Duplicates?handler=Csv",
        $"/Networks/People/{id}/Merge", $"/Networks/People/{id}/Merge?with={other}",
        $"/Networks/People/{id}/Export", $"/Networks/People/{id}/Export?handler=Json", $"/Networks/People/{id}/Export?handler=Html",
        $"/Networks/People/{id}/Erase",
    ];

    [Test]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = _world.App.NewBrowser();
        foreach (var url in Pages(_someone, _volunteersOwn))
        {
            var response = await anonymous.GetAsync(url);
            Assert.That((response.StatusCode, response.LocationPath), Is.EqualTo((HttpStatusCode.Redirect, "/Account/Login")), url);
        }
    }

    [Test]
    public async Task Leaders_volunteers_and_observers_are_refused_every_page_even_for_their_own_people()
    {
        foreach (var user in new[] { _world.Leader, _world.Volunteer, _world.Observer })
        {
            foreach (var url in Pages(_someone, _volunteersOwn).Concat(Pages(_volunteersOwn, _someone)))
            {
                var response = await user.Browser.GetAsync(url);
                Assert.That(response.LocationPath, Is.EqualTo("/Account/AccessDenied"), $"{user.Role} {url}");
                Assert.That(response.Body, Does.Not.Contain("Sam Someone").And.Not.Contain("Vera"), $"{user.Role} {url}");
            }
        }
    }

    [Test]
    public async Task A_leader_posting_an_erasure_or_merge_directly_is_refused_and_nothing_changes()
    {
        var target = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = "Target Person", Email = $"target{Unique()}@example.org" });
        await _world.LetLeaderReachAsync(target);
        var details = await _world.Leader.Browser.GetPageAsync($"/Networks/People/Details/{target}");
        var token = details.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var erase = await _world.Leader.Browser.PostAsync($"/Networks/People/{target}/Erase",
            [new("__RequestVerificationToken", token), new("Input.Confirmed", "true")]);
        var merge = await _world.Leader.Browser.PostAsync($"/Networks/People/{target}/Merge?with={_someone}",
            [new("__RequestVerificationToken", token), new("Input.SurvivorId", _someone.ToString()), new("Input.Confirmed", "true")]);

        Assert.That(erase.LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That(merge.LocationPath, Is.EqualTo("/Account/AccessDenied"));
        var person = (await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(target)))!.Person;
        Assert.That((person.FullName, person.ErasedAt, person.MergedInto), Is.EqualTo(("Target Person", (DateTimeOffset?)null, (Guid?)null)));
    }

    [Test]
    public async Task Unknown_people_answer_404()
    {
        var nobody = Guid.NewGuid();
        foreach (var url in Pages(nobody, _someone).Skip(2).Append($"/Networks/People/{_someone}/Merge?with={nobody}"))
        {
            var response = await _world.Organiser.Browser.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
        }
        var post = await _world.Organiser.Browser.GetPageAsync($"/Networks/People/{_someone}/Erase");
        var token = post.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var erase = await _world.Organiser.Browser.PostAsync($"/Networks/People/{nobody}/Erase", [new("__RequestVerificationToken", token), new("Input.Confirmed", "true")]);
        Assert.That(erase.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Only_those_allowed_see_the_links()
    {
        foreach (var user in new[] { _world.Organiser, _world.Admin })
        {
            var details = await user.Browser.GetPageAsync($"/Networks/People/Details/{_someone}");
            Assert.That(details.Document.QuerySelectorAll("#person-actions a").Select(a => a.GetAttribute("href")), Is.SupersetOf(new[]
            {
                $"/Networks/People/{_someone}/Merge", $"/Networks/People/{_someone}/Export", $"/Networks/People/{_someone}/Erase",
            }), user.Role);
            Assert.That((await user.Browser.GetPageAsync("/Networks/People")).Document.QuerySelector("#duplicates-link")?.GetAttribute("href"),
                Is.EqualTo("/Networks/Duplicates"), user.Role);
        }
        await _world.LetLeaderReachAsync(_someone);
        var leaderDetails = await _world.Leader.Browser.GetPageAsync($"/Networks/People/Details/{_someone}");
        Assert.That(leaderDetails.Body, Does.Not.Contain("/Merge").And.Not.Contain("/Erase").And.Not.Contain("/Export"));
        Assert.That((await _world.Leader.Browser.GetPageAsync("/Networks/People")).Document.QuerySelector("#duplicates-link"), Is.Null);
        Assert.That((await _world.Volunteer.Browser.GetPageAsync("/Networks/People")).Document.QuerySelector("#duplicates-link"), Is.Null);
    }

    [Test]
    public async Task An_organiser_finds_a_duplicate_compares_and_merges_it()
    {
        var u = Unique();
        var first = await InsertAsync(_world, $"Kwame Mensah {u}", email: $"kwame{u}@example.org", postcode: "E3 2AB");
        var second = await InsertAsync(_world, $"K Mensah {u}", email: $"KWAME{u}@example.org", phone: "07700 900777");
        var browser = _world.Organiser.Browser;

        var list = await browser.GetPageAsync("/Networks/Duplicates");
        var row = list.Document.QuerySelectorAll("#duplicates tbody tr").Single(r => r.TextContent.Contains($"Kwame Mensah {u}"));
        Assert.That(row.TextContent, Does.Contain($"K Mensah {u}").And.Contain("Same e-mail"));
        var compare = row.QuerySelector("a.btn")!.GetAttribute("href")!;

        var page = await browser.GetPageAsync(compare);
        Assert.That(page.Texts("#comparison thead th a"), Is.EquivalentTo(new[] { $"Kwame Mensah {u}", $"K Mensah {u}" }));
        Assert.That(page.Text("#comparison"), Does.Contain("07700 900777").And.Contain("E3 2AB"));

        // Not confirmed: refused beside the box, nothing merged.
        var refused = await page.SubmitAsync(browser, new() { ["Input.SurvivorId"] = second.ToString(), ["Input.Confirmed"] = null }, "#merge-form");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(refused.FieldError("Input.Confirmed"), Does.Contain("Tick the box"));
        Assert.That(await ScalarAsync<string?>(_world, "SELECT merged_into FROM networks_person WHERE id = @id", new { id = first.ToString() }), Is.Null);

        var done = await page.SubmitAsync(browser, new() { ["Input.SurvivorId"] = second.ToString(), ["Input.Confirmed"] = "true" }, "#merge-form");
        Assert.That(done.Location, Is.EqualTo($"/Networks/People/Details/{second}"));
        var survivor = await browser.FollowAsync(done);
        Assert.That(survivor.Body, Does.Contain("The records are merged").And.Contain($"KWAME{u}@example.org").And.Contain("E3 2AB").And.Contain("07700 900777"));

        // The merged record's address leads to the survivor; the pair is no longer suggested.
        Assert.That((await browser.GetAsync($"/Networks/People/Details/{first}")).Location, Is.EqualTo($"/Networks/People/Details/{second}"));
        Assert.That((await browser.GetAsync($"/Networks/People/{first}/Merge")).Location, Is.EqualTo($"/Networks/People/{second}/Merge"));
        Assert.That((await browser.GetPageAsync("/Networks/Duplicates")).Body, Does.Not.Contain($"Kwame Mensah {u}"));
    }

    [Test]
    public async Task The_merge_page_searches_for_the_other_record_when_none_is_suggested()
    {
        var u = Unique();
        var one = await InsertAsync(_world, $"Ellen Evans {u}");
        var two = await InsertAsync(_world, $"Nell Evans {u}");
        var page = await _world.Organiser.Browser.GetPageAsync($"/Networks/People/{one}/Merge");
        Assert.That(page.Text("#no-suggestions"), Does.Contain("No other record"));

        var found = await _world.Organiser.Browser.GetPageAsync($"/Networks/People/{one}/Merge?q=evans+{u}");
        Assert.That(found.Document.QuerySelectorAll("#found a").Select(a => a.GetAttribute("href")), Is.EqualTo(new[] { $"/Networks/People/{one}/Merge?with={two}" }));

        var self = await _world.Organiser.Browser.GetAsync($"/Networks/People/{one}/Merge?with={one}");
        Assert.That(self.Location, Is.EqualTo($"/Networks/People/{one}/Merge"));
    }

    [Test]
    public async Task An_organiser_erases_a_person_after_confirming()
    {
        var u = Unique();
        var id = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = $"Erin Erase {u}", Email = $"erin{u}@example.org", Postcode = "E1 6AN" });
        var browser = _world.Organiser.Browser;

        var page = await browser.GetPageAsync($"/Networks/People/{id}/Erase");
        Assert.That(page.Text("h1"), Is.EqualTo($"Erase Erin Erase {u}'s data?"));
        Assert.That(page.Texts("#removed li").Count, Is.GreaterThan(3));
        Assert.That(page.Text("#kept"), Does.Contain("consent history"));

        var refused = await page.SubmitAsync(browser, new() { ["Input.Confirmed"] = null }, "#erase-form");
        Assert.That(refused.FieldError("Input.Confirmed"), Does.Contain("Tick the box"));
        Assert.That(await ScalarAsync<string?>(_world, "SELECT erased_at FROM networks_person WHERE id = @id", new { id = id.ToString() }), Is.Null);

        var done = await page.SubmitAsync(browser, new() { ["Input.Confirmed"] = "true" }, "#erase-form");
        Assert.That(done.Location, Is.EqualTo($"/Networks/People/Details/{id}"));
        var details = await browser.FollowAsync(done);
        Assert.That(details.Body, Does.Contain("Their data is erased").And.Contain("Erased person").And.Not.Contain($"erin{u}"));
        Assert.That(details.Document.QuerySelector($"a[href='/Networks/People/{id}/Erase']"), Is.Null, "no second erasure offered");

        var again = await browser.GetPageAsync($"/Networks/People/{id}/Erase");
        Assert.That(again.Text("h1"), Is.EqualTo("Their data is already erased"));
        Assert.That(again.Document.QuerySelector("#erase-form"), Is.Null);
    }

    [Test]
    public async Task An_organiser_exports_a_persons_data_as_a_page_json_and_html()
    {
        var u = Unique();
        var id = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Exa Port {u}", Email = $"exa{u}@example.org", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "online", ConsentWording = "Web v1",
        });
        var browser = _world.Organiser.Browser;

        var page = await browser.GetPageAsync($"/Networks/People/{id}/Export");
        Assert.That(page.Text("h1"), Is.EqualTo($"Everything held about Exa Port {u}"));
        Assert.That(page.Text("section[data-module=networks]"), Does.Contain($"exa{u}@example.org").And.Contain("Web v1"));

        var json = await browser.GetAsync($"/Networks/People/{id}/Export?handler=Json");
        Assert.That(json.ContentType, Does.StartWith("application/json"));
        Assert.That(json.Header("Content-Disposition"), Does.Contain("attachment").And.Contain($"personal-data-{id}.json"));
        using (var document = JsonDocument.Parse(json.Body))
        {
            Assert.That(document.RootElement.GetProperty("personId").GetGuid(), Is.EqualTo(id));
        }
        Assert.That(json.Body, Does.Contain($"exa{u}@example.org"));

        var html = await browser.GetAsync($"/Networks/People/{id}/Export?handler=Html");
        Assert.That(html.ContentType, Does.StartWith("text/html"));
        Assert.That(html.Header("Content-Disposition"), Does.Contain("attachment"));
        Assert.That(html.Document.QuerySelector("h1")!.TextContent, Does.StartWith("Personal data held by"));
        Assert.That(html.Body, Does.Contain($"exa{u}@example.org"));
    }

    [Test]
    public async Task The_duplicates_page_explains_itself_when_empty_and_pages_long_lists()
    {
        await using var world = await NetworksWorld.StartAsync();
        var empty = await world.Organiser.Browser.GetPageAsync("/Networks/Duplicates");
        Assert.That(empty.Text("#empty-state h2"), Is.EqualTo("No likely duplicates"));

        for (var i = 0; i < 51; i++)
        {
            await InsertAsync(world, $"Person {i:D2} A", email: $"p{i}@example.org");
            await InsertAsync(world, $"Person {i:D2} B", email: $"p{i}@example.org");
        }
        var first = await world.Organiser.Browser.GetPageAsync("/Networks/Duplicates");
        Assert.That(first.Document.QuerySelectorAll("#duplicates tbody tr"), Has.Length.EqualTo(50));
        Assert.That(first.Text("#duplicates caption"), Is.EqualTo("1–50 of 51 pairs"));
        var second = await world.Organiser.Browser.GetPageAsync("/Networks/Duplicates?page=2");
        Assert.That(second.Document.QuerySelectorAll("#duplicates tbody tr"), Has.Length.EqualTo(1));
        var csv = await world.Organiser.Browser.GetAsync("/Networks/Duplicates?handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(52));
    }
}
