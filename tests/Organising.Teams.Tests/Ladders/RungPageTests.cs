using System.Net;
using Dapper;
using Organising.Teams.Areas.Teams.Pages.Ladders;

namespace Organising.Teams.Tests.Ladders;

/// <summary>Rungs are data Organisers shape; standings follow at once.</summary>
public sealed class RungPageTests : WorldFixture
{
    private async Task<Guid> RungIdAsync(string track, int position)
    {
        await using var db = World.App.OpenDatabase();
        return Guid.Parse(await db.ExecuteScalarAsync<string>("SELECT id FROM teams_ladder_rung WHERE track = @track AND position = @position", new { track, position }) ?? "");
    }

    [Test]
    public async Task An_organiser_lowers_a_threshold_and_the_standing_follows()
    {
        var person = await World.AddPersonAsync($"Threshold {Guid.NewGuid():N}");
        await World.AddMemberAsync(World.TeamB, person, "clinical-lead");
        await World.CompleteAsync(person, RecordSeeds.CoreModules);
        await World.HoldOneToOnesAsync(person, 3);
        Assert.That((await World.SendAsAsync(World.Organiser, new GetPersonLadder.Query(person)))!.Standing.Position, Is.EqualTo(1));

        var rung = await RungIdAsync("clinician", 2);
        var response = await World.Organiser.Browser.SubmitAsync($"/Teams/Ladders/Rung/{rung}", new() { ["Input.Name"] = "Held 3 one-to-ones", ["Input.Threshold"] = "3" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), response.Errors);
        Assert.That((await World.SendAsAsync(World.Organiser, new GetPersonLadder.Query(person)))!.Standing.Current!.Name, Is.EqualTo("Held 3 one-to-ones"));
    }

    [Test]
    public async Task A_taken_rung_number_and_an_activity_rule_without_an_activity_are_refused_with_messages()
    {
        var taken = await World.Organiser.Browser.SubmitAsync("/Teams/Ladders/Rung", new()
        {
            ["Input.Track"] = "community", ["Input.Position"] = "2", ["Input.Name"] = "Clashing rung", ["Input.Rule"] = "one-to-ones", ["Input.Threshold"] = "2",
        });
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(taken.FieldError("Input.Position"), Does.Contain("already “Held 5 one-to-ones”"), taken.Errors);

        var noActivity = await World.Organiser.Browser.SubmitAsync("/Teams/Ladders/Rung", new()
        {
            ["Input.Track"] = "community", ["Input.Position"] = "9", ["Input.Name"] = "Led a workshop", ["Input.Rule"] = "activity", ["Input.Activity"] = "",
        });
        Assert.That(noActivity.FieldError("Input.Activity"), Does.Contain("Choose the activity"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_ladder_rung WHERE name IN ('Clashing rung', 'Led a workshop')"), Is.Zero);
    }

    [Test]
    public async Task A_new_rung_is_added_then_deleted_after_confirmation()
    {
        var added = await World.Organiser.Browser.SubmitAsync("/Teams/Ladders/Rung", new()
        {
            ["Input.Track"] = "community", ["Input.Position"] = "6", ["Input.Name"] = "Led a workshop twice", ["Input.Rule"] = "activity",
            ["Input.Activity"] = "led-a-workshop", ["Input.Threshold"] = "2",
        });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), added.Errors);
        var index = await World.Organiser.Browser.GetAsync("/Teams/Ladders");
        Assert.That(index.Body, Does.Contain("Led a workshop twice").And.Contain("Has led-a-workshop 2 times"));

        var id = await RungIdAsync("community", 6);
        var confirm = await World.Organiser.Browser.GetAsync($"/Teams/Ladders/DeleteRung/{id}");
        Assert.That(confirm.Text("h1"), Does.Contain("Led a workshop twice"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_ladder_rung WHERE position = 6"), Is.EqualTo(1), "asking does not delete");
        var deleted = await World.Organiser.Browser.SubmitAsync($"/Teams/Ladders/DeleteRung/{id}");
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_ladder_rung WHERE position = 6"), Is.Zero);
    }

    [Test]
    public async Task Leaders_and_volunteers_cannot_change_rungs()
    {
        var rung = await RungIdAsync("community", 1);
        foreach (var user in new[] { World.Leader, World.Volunteer, World.Observer })
        {
            Assert.That((await user.Browser.GetAsync($"/Teams/Ladders/Rung/{rung}")).LocationPath, Is.EqualTo("/Account/AccessDenied"), user.Role);
            Assert.That((await user.Browser.GetAsync($"/Teams/Ladders/DeleteRung/{rung}")).LocationPath, Is.EqualTo("/Account/AccessDenied"), user.Role);
        }
        Assert.That((await World.Leader.Browser.GetAsync("/Teams/Ladders")).Document.QuerySelector("a[href='/Teams/Ladders/Rung']"), Is.Null);
    }
}
