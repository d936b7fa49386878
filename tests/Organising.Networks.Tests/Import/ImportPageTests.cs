using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dapper;

namespace Organising.Networks.Tests.Import;

/// <summary>The import pages through HTTP: who may use them, the upload form, the preview and the confirm button.</summary>
public sealed class ImportPageTests
{
    private NetworksWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        await _world.AddNetworkAsync("Riverside estate");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Fills in the upload form as a browser would: the antiforgery token from the page, the kind, and the file.</summary>
    private static async Task<PageResponse> UploadAsync(Browser browser, byte[] file, string kind = "people", string fileName = "people.csv")
    {
        var page = await browser.GetPageAsync("/Networks/Import");
        var token = page.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "Upload", fileName);
        using var response = await browser.Client.PostAsync("/Networks/Import", content);
        return await PageResponse.ReadAsync(response);
    }

    [Test]
    public async Task Organisers_and_administrators_may_import_others_may_not()
    {
        foreach (var user in new[] { _world.Organiser, _world.Admin })
        {
            var page = await user.Browser.GetAsync("/Networks/Import");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), user.Role);
            Assert.That(page.Text("h1"), Is.EqualTo("Import from CSV"));
            var people = await user.Browser.GetPageAsync("/Networks/People");
            Assert.That(people.Document.QuerySelector("a[href='/Networks/Import?kind=people']"), Is.Not.Null, $"{user.Role} sees the link from People");
            var institutions = await user.Browser.GetPageAsync("/Networks/Institutions");
            Assert.That(institutions.Document.QuerySelector("a[href='/Networks/Import?kind=institutions']"), Is.Not.Null, $"{user.Role} sees the link from Institutions");
            var home = await user.Browser.GetPageAsync("/");
            Assert.That(home.Body, Does.Contain("href=\"/Networks/Import\""), $"{user.Role} sees the menu entry");
        }
        foreach (var user in new[] { _world.Leader, _world.Volunteer, _world.Observer })
        {
            var page = await user.Browser.GetAsync("/Networks/Import");
            Assert.That(page.LocationPath, Is.EqualTo("/Account/AccessDenied"), user.Role);
            var upload = await user.Browser.PostAsync("/Networks/Import", [new("Kind", "people")]);
            Assert.That(upload.LocationPath, Is.EqualTo("/Account/AccessDenied"), $"{user.Role} posting an upload");
        }
        var leaderPeople = await _world.Leader.Browser.GetPageAsync("/Networks/People");
        Assert.That(leaderPeople.Document.QuerySelector("a[href^='/Networks/Import']"), Is.Null, "no import link for a Leader");
        var leaderInstitutions = await _world.Leader.Browser.GetPageAsync("/Networks/Institutions");
        Assert.That(leaderInstitutions.Document.QuerySelector("a[href^='/Networks/Import']"), Is.Null, "no import link for a Leader");

        using var anonymous = _world.App.NewBrowser();
        foreach (var url in new[] { "/Networks/Import", $"/Networks/Import/Preview/{Guid.NewGuid()}", "/Networks/Import?handler=Template" })
        {
            var response = await anonymous.GetAsync(url);
            Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"), url);
        }
    }

    [Test]
    public async Task The_template_has_the_expected_headings()
    {
        var people = await _world.Organiser.Browser.GetAsync("/Networks/Import?handler=Template&kind=people");
        Assert.That(people.ContentType, Does.StartWith("text/csv"));
        Assert.That(people.Body.TrimStart('\uFEFF').Trim(), Does.StartWith("full_name,preferred_name,email,phone,postcode"));
        var institutions = await _world.Organiser.Browser.GetAsync("/Networks/Import?handler=Template&kind=institutions");
        Assert.That(institutions.Body.TrimStart('\uFEFF').Trim(), Does.StartWith("name,type,membership"));
    }

    [Test]
    public async Task Upload_preview_and_confirm_adds_the_people_and_says_so()
    {
        var tag = Tag();
        var csv = $"\uFEFFFull name,E-mail,Networks,Shoe size\r\nAmina {tag},amina.{tag}@example.org,Riverside estate,5\r\nBen {tag},ben.{tag}@example.org,,9\r\n";
        var uploaded = await UploadAsync(_world.Organiser.Browser, Encoding.UTF8.GetBytes(csv));
        Assert.That(uploaded.LocationPath, Does.StartWith("/Networks/Import/Preview/"), uploaded.FormError);

        var preview = await _world.Organiser.Browser.GetPageAsync(uploaded.Location!);
        Assert.That(preview.Text("#count-new"), Is.EqualTo("2"));
        Assert.That(preview.Text("#count-errors"), Is.EqualTo("0"));
        Assert.That(preview.Text("#ignored-columns"), Does.Contain("Shoe size"));
        Assert.That(preview.Texts("#import-rows tbody tr td:nth-child(4)"), Is.EqualTo(new[] { "New", "New" }));

        var confirmed = await preview.SubmitAsync(_world.Organiser.Browser, formSelector: "form[action^='/Networks/Import/Confirm/']");
        Assert.That(confirmed.Location, Is.EqualTo("/Networks/People"));
        var people = await _world.Organiser.Browser.GetPageAsync($"/Networks/People?q={tag}");
        Assert.That(people.Body, Does.Contain("Imported people: 2 added, 0 updated, 0 unchanged."));
        Assert.That(people.Texts("table tbody tr td:first-child a"), Is.EquivalentTo(new[] { $"Amina {tag}", $"Ben {tag}" }));

        var gone = await _world.Organiser.Browser.GetAsync(uploaded.Location!);
        Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a confirmed upload is not kept");
    }

    [Test]
    public async Task A_preview_with_errors_offers_no_import_button_and_lists_the_problems()
    {
        var tag = Tag();
        var uploaded = await UploadAsync(_world.Organiser.Browser, Encoding.UTF8.GetBytes($"full_name,email\nGood {tag},good.{tag}@example.org\n,\"bad,\"\n"));
        var preview = await _world.Organiser.Browser.GetPageAsync(uploaded.Location!);
        Assert.That(preview.Text("#count-errors"), Is.EqualTo("1"));
        Assert.That(preview.Text("#blocked"), Does.Contain("nothing can be imported yet"));
        Assert.That(preview.Document.QuerySelector("form[action^='/Networks/Import/Confirm/']"), Is.Null);
        var errorsOnly = await _world.Organiser.Browser.GetPageAsync(uploaded.Location + "?errors=true");
        Assert.That(errorsOnly.Texts("#import-rows tbody tr td:first-child"), Is.EqualTo(new[] { "3" }));
        Assert.That(errorsOnly.Text("#import-rows tbody li"), Is.EqualTo("Enter their full name: it is the one thing every person needs."));

        // Posting the confirm anyway imports nothing.
        var id = uploaded.Location!.Split('/').Last();
        var forced = await _world.Organiser.Browser.PostAsync($"/Networks/Import/Confirm/{id}",
            [new("__RequestVerificationToken", preview.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.That(forced.Location, Is.EqualTo(uploaded.Location));
        await using var db = _world.App.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_person WHERE full_name = @n", new { n = $"Good {tag}" }), Is.Zero);
    }

    [Test]
    public async Task File_problems_are_shown_beside_the_file_field()
    {
        var latin1 = await UploadAsync(_world.Organiser.Browser, Encoding.Latin1.GetBytes("full_name\nJosé Müller\n"));
        Assert.That(latin1.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(latin1.FieldError("Upload"), Does.StartWith("This file is not UTF-8").And.Contain("CSV UTF-8"));

        var big = new byte[10 * 1024 * 1024 + 1];
        Array.Fill(big, (byte)'a');
        var tooBig = await UploadAsync(_world.Organiser.Browser, big);
        Assert.That(tooBig.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(tooBig.FieldError("Upload"), Is.EqualTo("The file is larger than 10 MB. Split it into smaller files and import each one."));

        var noName = await UploadAsync(_world.Organiser.Browser, Encoding.UTF8.GetBytes("email\na@example.org\n"));
        Assert.That(noName.FieldError("Upload"), Does.StartWith("The file has no “full_name” column."));
    }

    [Test]
    public async Task Another_users_upload_is_not_found()
    {
        var uploaded = await UploadAsync(_world.Organiser.Browser, Encoding.UTF8.GetBytes($"full_name\nSecret {Tag()}\n"));
        var id = uploaded.Location!.Split('/').Last();
        var page = await _world.Admin.Browser.GetAsync($"/Networks/Import/Preview/{id}");
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(page.Body, Does.Not.Contain("Secret"));

        var adminForm = await _world.Admin.Browser.GetPageAsync("/Networks/Import");
        var token = adminForm.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var confirm = await _world.Admin.Browser.PostAsync($"/Networks/Import/Confirm/{id}", [new("__RequestVerificationToken", token)]);
        Assert.That(confirm.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var discard = await _world.Admin.Browser.PostAsync($"/Networks/Import/Preview/{id}?handler=Discard", [new("__RequestVerificationToken", token)]);
        Assert.That(discard.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var stillThere = await _world.Organiser.Browser.GetAsync($"/Networks/Import/Preview/{id}");
        Assert.That(stillThere.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
