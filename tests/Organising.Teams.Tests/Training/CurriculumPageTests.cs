using System.Net;

namespace Organising.Teams.Tests.Training;

/// <summary>The curriculum pages, and the training pages' first-run state (this fixture schedules no session).</summary>
public sealed class CurriculumPageTests : TrainingFixture
{
    [Test]
    public async Task The_training_page_explains_itself_before_any_session_is_scheduled()
    {
        var volunteer = await World.Volunteer.Browser.GetPageAsync("/Teams/Training");
        Assert.That(volunteer.Text("main h2"), Is.EqualTo("No training sessions yet"));
        Assert.That(volunteer.Body, Does.Not.Contain("/Teams/Training/Sessions/Create"));

        var organiser = await World.Organiser.Browser.GetPageAsync("/Teams/Training");
        Assert.That(organiser.Body, Does.Contain("Schedule the first session"));
    }

    [Test]
    public async Task The_seeded_modules_are_listed_in_position_order_with_core_or_not()
    {
        var page = await World.Volunteer.Browser.GetPageAsync("/Teams/Training/Curriculum");

        var rows = page.Document.QuerySelectorAll("main table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.That(rows.Take(7).Select(r => r[1]), Is.EqualTo(new[]
        {
            "One-to-ones", "Power analysis", "Listening campaigns", "Public narrative and testimony", "Research actions", "Negotiation", "Evaluation",
        }));
        Assert.That(rows.Take(7).Select(r => r[2]), Is.EqualTo(new[] { "Core", "Core", "Core", "Optional", "Optional", "Optional", "Optional" }));
        Assert.That(page.Body, Does.Not.Contain("/Teams/Training/Curriculum/Create"), "volunteers do not edit the curriculum");

        var csv = await World.Volunteer.Browser.GetAsync("/Teams/Training/Curriculum?handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("Power analysis"));
    }

    [Test]
    public async Task An_organiser_adds_edits_and_archives_a_module()
    {
        var name = Unique("House meetings");
        var added = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Curriculum/Create", new()
        {
            ["Input.Name"] = $"  {name} ", ["Input.Description"] = "Hosting a house meeting.", ["Input.Position"] = "8", ["Input.IsCore"] = "true",
        });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), added.Errors);

        var list = await World.Organiser.Browser.GetPageAsync("/Teams/Training/Curriculum");
        var row = list.Document.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.That(row.QuerySelectorAll("td")[2].TextContent.Trim(), Is.EqualTo("Core"));
        var editLink = row.QuerySelector("a[href^='/Teams/Training/Curriculum/Edit/']")!.GetAttribute("href")!;
        var id = editLink.Split('/').Last();

        var edited = await World.Organiser.Browser.SubmitAsync(editLink, new() { ["Input.Name"] = name + " (edited)", ["Input.IsCore"] = "false", ["Input.Position"] = "9" });
        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), edited.Errors);
        list = await World.Organiser.Browser.GetPageAsync("/Teams/Training/Curriculum");
        row = list.Document.QuerySelectorAll("main table tbody tr").Single(r => r.TextContent.Contains(name));
        Assert.That(row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).Take(3), Is.EqualTo(new[] { "9", name + " (edited)", "Optional" }));

        var confirm = await World.Organiser.Browser.GetPageAsync($"/Teams/Training/Curriculum/Archive/{id}");
        Assert.That(confirm.Text("h1"), Does.Contain("Archive"));
        var archived = await confirm.SubmitAsync(World.Organiser.Browser);
        Assert.That(archived.Location, Is.EqualTo("/Teams/Training/Curriculum"));
        Assert.That((await World.Organiser.Browser.GetPageAsync("/Teams/Training/Curriculum")).Body, Does.Not.Contain(name));
        Assert.That((await World.Organiser.Browser.GetPageAsync("/Teams/Training/Curriculum?archived=true")).Body, Does.Contain($"{name} (edited) (archived)"));
        var form = await World.Organiser.Browser.GetPageAsync("/Teams/Training/Sessions/Create");
        Assert.That(form.Body, Does.Not.Contain(name), "an archived module is not offered for new sessions");
    }

    [Test]
    public async Task The_module_form_refuses_an_empty_or_duplicate_name_beside_the_field()
    {
        var empty = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Curriculum/Create", new() { ["Input.Name"] = " " });
        Assert.That(empty.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(empty.FieldError("Input.Name"), Is.EqualTo("Enter the module's name."));

        var duplicate = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Curriculum/Create", new() { ["Input.Name"] = "power ANALYSIS" });
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(duplicate.FieldError("Input.Name"), Does.StartWith("There is already a module called “power ANALYSIS”"));

        var position = await World.Organiser.Browser.SubmitAsync("/Teams/Training/Curriculum/Create", new() { ["Input.Name"] = Unique("x"), ["Input.Position"] = "0" });
        Assert.That(position.FieldError("Input.Position"), Does.StartWith("Enter a position from 1"));
    }

    [Test]
    public async Task Only_organisers_and_administrators_edit_the_curriculum_and_observers_see_no_training()
    {
        var negotiation = Negotiation;
        foreach (var user in new[] { World.Leader, World.Volunteer, World.Observer })
        {
            foreach (var url in new[] { "/Teams/Training/Curriculum/Create", $"/Teams/Training/Curriculum/Edit/{negotiation}", $"/Teams/Training/Curriculum/Archive/{negotiation}" })
            {
                var page = await user.Browser.GetAsync(url);
                Assert.That(page.LocationPath, Is.EqualTo("/Account/AccessDenied"), $"{user.Role} {url}");
            }
        }
        Assert.That((await World.Observer.Browser.GetAsync("/Teams/Training")).LocationPath, Is.EqualTo("/Account/AccessDenied"));
        Assert.That((await World.Admin.Browser.GetAsync($"/Teams/Training/Curriculum/Edit/{negotiation}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.Organiser.Browser.GetAsync($"/Teams/Training/Curriculum/Edit/{Guid.NewGuid()}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
