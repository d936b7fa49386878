using System.Net;
using Dapper;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;

namespace Organising.Networks.Tests;

/// <summary>The people pages through HTTP, for every role, including direct URLs to other people's records.</summary>
public sealed class PeoplePageTests
{
    private NetworksWorld _world = null!;
    private Guid _volunteersPerson, _otherVolunteersPerson, _organisersPerson;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();

        // First run: nobody recorded yet.
        var empty = await _world.Organiser.Browser.GetPageAsync("/Networks/People");
        Assert.That(empty.Text("#empty-state h2"), Is.EqualTo("No people yet"));

        _volunteersPerson = await _world.SendAsAsync(_world.Volunteer, new SavePerson.Command { FullName = "Vera Volunteered", Email = "vera@example.org", Postcode = "E3 4AA" });
        _otherVolunteersPerson = await _world.SendAsAsync(_world.OtherVolunteer, new SavePerson.Command { FullName = "Otto Other", Phone = "07700 900222" });
        _organisersPerson = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Fatima Faith", Faith = "Muslim", ConsentsGiven = [ConsentPurposes.SpecialCategory, ConsentPurposes.Contact], ConsentChannel = "paper", ConsentWording = "Form v1",
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private static readonly string[] PeoplePages = ["/Networks/People", "/Networks/People/Create"];

    private string[] RecordPages(Guid id) => [$"/Networks/People/Details/{id}", $"/Networks/People/Edit/{id}"];

    [Test]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var anonymous = _world.App.NewBrowser();
        foreach (var url in PeoplePages.Concat(RecordPages(_volunteersPerson)))
        {
            var response = await anonymous.GetAsync(url);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), url);
            Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"), url);
        }
    }

    [Test]
    public async Task Observers_never_reach_a_people_page()
    {
        foreach (var url in PeoplePages.Concat(RecordPages(_volunteersPerson)).Append("/Networks/People?handler=Csv"))
        {
            var response = await _world.Observer.Browser.GetAsync(url);
            Assert.That(response.LocationPath, Is.EqualTo("/Account/AccessDenied"), url);
            Assert.That(response.Body, Does.Not.Contain("Vera"), url);
        }
        var home = await _world.Observer.Browser.GetAsync("/");
        Assert.That(home.Body, Does.Not.Contain("/Networks/People\""), "no People menu entry");
    }

    [Test]
    public async Task A_volunteer_sees_their_own_people_and_404_for_anyone_else()
    {
        var list = await _world.Volunteer.Browser.GetPageAsync("/Networks/People");
        Assert.That(list.Body, Does.Contain("Vera Volunteered"));
        Assert.That(list.Body, Does.Not.Contain("Otto Other").And.Not.Contain("Fatima"));

        Assert.That((await _world.Volunteer.Browser.GetAsync($"/Networks/People/Details/{_volunteersPerson}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var other in new[] { _otherVolunteersPerson, _organisersPerson, Guid.NewGuid() })
        {
            foreach (var url in RecordPages(other))
            {
                var response = await _world.Volunteer.Browser.GetAsync(url);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), url);
                Assert.That(response.Body, Does.Not.Contain("Otto").And.Not.Contain("Fatima"), url);
            }
        }

        // Posting to someone else's record by id is refused the same way, and changes nothing.
        var own = await _world.Volunteer.Browser.GetPageAsync($"/Networks/People/Details/{_volunteersPerson}");
        var fields = PageResponse.FieldsOf(own.Form("#note-form"));
        fields.RemoveAll(f => f.Key == "Note.Body");
        fields.Add(new("Note.Body", "sneaky"));
        var post = await _world.Volunteer.Browser.PostAsync($"/Networks/People/Details/{_otherVolunteersPerson}?handler=Note", fields);
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await using var connection = _world.App.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_person_note WHERE body = 'sneaky'"), Is.Zero);

        var csv = await _world.Volunteer.Browser.GetAsync("/Networks/People?handler=Csv");
        Assert.That(csv.Body, Does.Contain("Vera Volunteered").And.Not.Contain("Otto Other"));
    }

    [Test]
    public async Task A_volunteer_adds_a_person_who_becomes_theirs()
    {
        var response = await _world.Volunteer.Browser.SubmitAsync("/Networks/People/Create", new()
        {
            ["Input.FullName"] = "Nora New", ["Input.Phone"] = "020 7946 0001", ["Input.NewToInvolvement"] = "true", ["Input.HowWeMet"] = "Street stall",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.FormError);
        var details = await _world.Volunteer.Browser.FollowAsync(response);
        Assert.That(details.Text("h1"), Does.Contain("Nora New"));
        Assert.That(details.Body, Does.Contain("No consent to contact is recorded yet"));
        Assert.That(details.Body, Does.Not.Contain("Special-category"), "volunteers never see that section");

        var list = await _world.Volunteer.Browser.GetPageAsync("/Networks/People?q=7946");
        Assert.That(list.Body, Does.Contain("Nora New"));
    }

    [Test]
    public async Task A_leader_sees_and_edits_the_people_their_team_reaches_but_no_special_category_data()
    {
        var outside = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = "Nadia Notreached" });
        await _world.LetLeaderReachAsync(_volunteersPerson, _otherVolunteersPerson, _organisersPerson);
        var list = await _world.Leader.Browser.GetPageAsync("/Networks/People");
        Assert.That(list.Body, Does.Contain("Vera Volunteered").And.Contain("Otto Other").And.Contain("Fatima Faith"));
        Assert.That(list.Body, Does.Not.Contain("Nadia Notreached"));
        Assert.That((await _world.Leader.Browser.GetAsync($"/Networks/People/Details/{outside}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        var details = await _world.Leader.Browser.GetPageAsync($"/Networks/People/Details/{_organisersPerson}");
        Assert.That(details.Body, Does.Not.Contain("Muslim").And.Not.Contain("Special-category data"));

        var edit = await _world.Leader.Browser.GetPageAsync($"/Networks/People/Edit/{_organisersPerson}");
        Assert.That(edit.Document.QuerySelector("#Input_Faith"), Is.Null);
        var saved = await edit.SubmitAsync(_world.Leader.Browser, new() { ["Input.AccessNeeds"] = "Needs an interpreter" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.FormError);

        var asOrganiser = await _world.Organiser.Browser.GetPageAsync($"/Networks/People/Details/{_organisersPerson}");
        Assert.That(asOrganiser.Body, Does.Contain("Muslim").And.Contain("Needs an interpreter"));

        var specialCsv = await _world.Leader.Browser.GetAsync("/Networks/People?handler=Csv&special=true");
        Assert.That(specialCsv.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_csv_leaves_out_special_category_data_unless_an_organiser_asks_and_that_is_audited()
    {
        var plain = await _world.Organiser.Browser.GetAsync("/Networks/People?handler=Csv&q=fatima");
        Assert.That(plain.ContentType, Does.StartWith("text/csv"));
        var lines = plain.Body.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("Full name,Preferred name,E-mail,Phone,Postcode"));
        Assert.That(lines[0], Does.Not.Contain("Faith").And.Not.Contain("Ethnicity"));
        Assert.That(lines, Has.Length.EqualTo(2));
        Assert.That(plain.Body, Does.Not.Contain("Muslim"));

        var special = await _world.Organiser.Browser.GetAsync("/Networks/People?handler=Csv&q=fatima&special=true");
        Assert.That(special.Body, Does.Contain("Ethnicity,Faith,Health conditions").And.Contain("Muslim"));
        await using var connection = _world.App.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM platform_audit WHERE kind = 'networks.people-exported-special-category'"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_organiser_cannot_record_special_category_data_without_consent()
    {
        var response = await _world.Organiser.Browser.SubmitAsync("/Networks/People/Create", new()
        {
            ["Input.FullName"] = "Sam NoConsent", ["Input.Ethnicity"] = "Bangladeshi",
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError("Input.Ethnicity"), Does.Contain("consent to special-category data"));
        await using var connection = _world.App.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_person WHERE full_name = 'Sam NoConsent'"), Is.Zero);
    }

    [Test]
    public async Task Bad_input_gets_a_message_beside_each_field_and_saves_nothing()
    {
        var response = await _world.Organiser.Browser.SubmitAsync("/Networks/People/Create", new()
        {
            ["Input.FullName"] = "", ["Input.Email"] = "not-an-email", ["Input.PreferredName"] = new string('x', 101),
        });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FieldError("Input.FullName"), Is.EqualTo("Enter their full name."));
        Assert.That(response.FieldError("Input.Email"), Is.EqualTo("Enter an e-mail address like name@example.org."));
        Assert.That(response.FieldError("Input.PreferredName"), Is.EqualTo("Use at most 100 characters for the preferred name."));
        Assert.That(response.Document.QuerySelector("#Input_PreferredName")!.GetAttribute("value"), Has.Length.EqualTo(101), "kept, not cut");

        var postcode = await _world.Organiser.Browser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = "Pat Postcode", ["Input.Postcode"] = "nowhere" });
        Assert.That(postcode.FieldError("Input.Postcode"), Is.EqualTo("Enter a UK postcode like E14 5AB."));
    }

    [Test]
    public async Task A_duplicate_email_links_to_the_existing_person()
    {
        await _world.LetLeaderReachAsync(_volunteersPerson);
        var response = await _world.Leader.Browser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = "Vera Again", ["Input.Email"] = "VERA@example.org" });
        Assert.That(response.FieldError("Input.Email"), Does.Contain("Vera Volunteered"));
        Assert.That(response.Document.QuerySelector($"a[href='/Networks/People/Details/{_volunteersPerson}']"), Is.Not.Null);
    }

    [Test]
    public async Task Recording_a_withdrawal_of_contact_shows_that_all_contact_stops()
    {
        var id = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Wendy Withdraw", Email = "wendy@example.org", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "online", ConsentWording = "web v1",
        });
        await _world.LetLeaderReachAsync(id);
        var response = await _world.Leader.Browser.SubmitAsync($"/Networks/People/Details/{id}", new()
        {
            ["Consent.Purpose"] = "contact", ["Consent.State"] = "withdrawn", ["Consent.Wording"] = "phone call", ["Consent.Channel"] = "verbal",
        }, "#consent-form");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.FormError);
        var page = await _world.Leader.Browser.FollowAsync(response);
        Assert.That(page.Body, Does.Contain("All contact with them stops"));
        Assert.That(page.Text("td[data-purpose='contact']"), Is.EqualTo("Withdrawn"));
        Assert.That(page.Body, Does.Contain("They have withdrawn consent to contact."));
        Assert.That(page.Texts("#consent-history tbody tr"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Consent_and_note_forms_explain_what_is_missing()
    {
        var consent = await _world.Organiser.Browser.SubmitAsync($"/Networks/People/Details/{_organisersPerson}", new()
        {
            ["Consent.Wording"] = "", ["Consent.OccurredOn"] = "2999-01-01",
        }, "#consent-form");
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(consent.FieldError("Consent.Wording"), Is.EqualTo("Enter the version of the wording they were shown or read."));

        var future = await _world.Organiser.Browser.SubmitAsync($"/Networks/People/Details/{_organisersPerson}", new()
        {
            ["Consent.Wording"] = "v1", ["Consent.OccurredOn"] = "2999-01-01",
        }, "#consent-form");
        Assert.That(future.FieldError("Consent.OccurredOn"), Is.EqualTo("The date cannot be in the future."));

        var note = await _world.Organiser.Browser.SubmitAsync($"/Networks/People/Details/{_organisersPerson}", new() { ["Note.Body"] = "  " }, "#note-form");
        Assert.That(note.FieldError("Note.Body"), Is.EqualTo("Write the note."));

        var added = await _world.Organiser.Browser.SubmitAsync($"/Networks/People/Details/{_organisersPerson}", new() { ["Note.Body"] = "Spoke at the assembly <b>bold</b>" }, "#note-form");
        var page = await _world.Organiser.Browser.FollowAsync(added);
        Assert.That(page.Body, Does.Contain("Spoke at the assembly &lt;b&gt;bold&lt;/b&gt;"));
    }

    [TestCase("/Networks/People?q=%25%25%25_\\&network=not-a-guid&institution=x&role=<script>&language=zz&page=-4")]
    [TestCase("/Networks/People?page=99999999999")]
    [TestCase("/Networks/People?handler=Csv&network=nope&special=maybe")]
    [TestCase("/Networks/People/Details/not-a-guid")]
    [TestCase("/Networks/People/Edit/00000000-0000-0000-0000-000000000000")]
    public async Task Hostile_addresses_never_cause_a_server_error(string url)
    {
        var response = await _world.Organiser.Browser.GetAsync(url + (url.Contains("q=") ? new string('a', 5000) : ""));
        Assert.That((int)response.StatusCode, Is.LessThan(500), url);
    }

    [Test]
    public async Task Hostile_form_posts_never_cause_a_server_error()
    {
        var page = await _world.Organiser.Browser.GetPageAsync("/Networks/People/Create");
        var fields = PageResponse.FieldsOf(page.Form());
        fields.RemoveAll(f => f.Key == "Input.FullName");
        fields.AddRange([
            new("Input.FullName", "Hostile"), new("Input.NetworkIds", "not-a-guid"), new("Input.Roles", "admin"),
            new("Input.Affiliations[0].InstitutionId", Guid.NewGuid().ToString()), new("Input.Affiliations[0].Role", "owner"),
            new("Input.ContactChannel", "smoke signals"), new("Input.NewToInvolvement", "perhaps"), new("Input.Id", Guid.NewGuid().ToString()),
        ]);
        var response = await _world.Organiser.Browser.PostAsync("/Networks/People/Create", fields);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.FormError, Is.Not.Null);

        var roles = await _world.Organiser.Browser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = "Role Hacker", ["Input.Roles"] = "superuser" });
        Assert.That(roles.Text("#Input_Roles-error"), Is.EqualTo("Choose roles from the list."));
    }

    [Test]
    public async Task Search_and_filters_work_through_the_page()
    {
        var byPostcode = await _world.Organiser.Browser.GetPageAsync("/Networks/People?q=e3%204");
        Assert.That(byPostcode.Body, Does.Contain("Vera Volunteered").And.Not.Contain("Otto Other"));
        var byPhone = await _world.Organiser.Browser.GetPageAsync("/Networks/People?q=900%20222");
        Assert.That(byPhone.Body, Does.Contain("Otto Other").And.Not.Contain("Vera Volunteered"));
        var byRole = await _world.Organiser.Browser.GetPageAsync("/Networks/People?role=clinician&q=otto");
        Assert.That(byRole.Body, Does.Contain("Nobody matches these filters"));
    }

    [Test]
    public async Task The_institution_filter_is_a_name_fragment_not_a_list_of_every_institution()
    {
        var world = await NetworksWorld.StartAsync();
        await using var _ = world;
        var church = await world.AddInstitutionAsync("St Barnabas Church");
        var school = await world.AddInstitutionAsync("Riverside Primary School");
        foreach (var (name, institution) in new[] { ("Bea Barnabas", church), ("Sam Schoolgate", school) })
        {
            await world.SendAsAsync(world.Organiser, new SavePerson.Command
            {
                FullName = name, Affiliations = [new SavePerson.Affiliation { InstitutionId = institution, Role = "member" }],
            });
        }

        var page = await world.Organiser.Browser.GetPageAsync("/Networks/People");
        Assert.That(page.Body, Does.Not.Contain("Riverside Primary School"), "institutions are not listed in the filter");

        var byName = await world.Organiser.Browser.GetPageAsync("/Networks/People?at=barnab");
        Assert.That(byName.Body, Does.Contain("Bea Barnabas").And.Not.Contain("Sam Schoolgate"));

        var byId = await world.Organiser.Browser.GetPageAsync($"/Networks/People?institution={school}");
        Assert.That(byId.Body, Does.Contain("Sam Schoolgate").And.Not.Contain("Bea Barnabas").And.Contain("Only people at"));
    }

    [Test]
    public async Task The_second_page_of_people_shows_the_next_people()
    {
        await using var world = await NetworksWorld.StartAsync();
        for (var i = 0; i < 51; i++)
        {
            await DataProtection.PersonRows.InsertAsync(world, $"Paged Person {i:D2}");
        }
        var first = await world.Organiser.Browser.GetPageAsync("/Networks/People");
        var second = await world.Organiser.Browser.GetPageAsync("/Networks/People?page=2");
        Assert.That(first.Texts("tbody tr td:first-child a"), Has.Count.EqualTo(50).And.Contains("Paged Person 00"));
        Assert.That(second.Texts("tbody tr td:first-child a"), Is.EqualTo(new[] { "Paged Person 50" }));
    }

    [Test]
    public async Task Totals_follow_a_new_person_at_once_and_differ_by_who_is_looking()
    {
        await using var world = await NetworksWorld.StartAsync();
        await world.SendAsAsync(world.Organiser, new SavePerson.Command { FullName = "Olive Organised" });
        Assert.That((await world.Organiser.Browser.GetPageAsync("/Networks/People")).Text("caption"), Does.EndWith("of 1 people"));
        Assert.That((await world.Organiser.Browser.GetPageAsync("/Networks/People?q=olive")).Text("caption"), Does.EndWith("of 1 people"));

        var created = await world.Volunteer.Browser.SubmitAsync("/Networks/People/Create", new() { ["Input.FullName"] = "Olive Volunteered" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), created.FormError);

        Assert.That((await world.Organiser.Browser.GetPageAsync("/Networks/People")).Text("caption"), Does.EndWith("of 2 people"), "totals kept in memory are dropped by the write");
        Assert.That((await world.Organiser.Browser.GetPageAsync("/Networks/People?q=olive")).Text("caption"), Does.EndWith("of 2 people"));
        Assert.That((await world.Volunteer.Browser.GetPageAsync("/Networks/People?q=olive")).Text("caption"), Does.EndWith("of 1 people"), "a volunteer counts only their own");
    }

    [Test]
    public async Task Over_long_searches_are_refused_beside_their_box_and_kept_there()
    {
        var typed = "vera" + new string('x', 197);
        await _world.AddInstitutionAsync("Long Search Mosque"); // with none, the institutions page has no search box
        foreach (var (url, box) in new[]
                 {
                     ($"/Networks/People?q={typed}", "q"), ($"/Networks/People?at={typed}", "at"), ($"/Networks/Institutions?q={typed}", "q"),
                     ($"/Networks/People/{_organisersPerson}/Merge?q={typed}", "q"),
                 })
        {
            var page = await _world.Organiser.Browser.GetPageAsync(url);
            Assert.That(page.Text($"#{box}-error"), Does.Contain("at most 200 characters"), url);
            Assert.That(page.Document.QuerySelector($"#{box}")?.GetAttribute("value"), Is.EqualTo(typed), url);
        }
        var list = await _world.Organiser.Browser.GetPageAsync($"/Networks/People?q={typed}");
        Assert.That(list.Body, Does.Contain("Otto Other"), "a refused search filters nothing");
    }
}
