using System.Net;
using Dapper;

namespace Organising.Listening.Tests.Events;

/// <summary>The events pages through HTTP: bulk entry by keyboard, the list, an event's page, and who may open which.</summary>
public sealed class EventPagesTests : WorldFixture
{
    private string Record(Guid campaign) => $"/Listening/Events/Record?campaign={campaign}";

    /// <summary>The event fields of a paper form, dated yesterday evening.</summary>
    private Dictionary<string, string?> Form(string place, int days = -1, string headcount = "9") => new()
    {
        ["Input.Type"] = "house-meeting", ["Input.Date"] = World.Date(days), ["Input.Time"] = "19:00", ["Input.Place"] = place, ["Input.Headcount"] = headcount,
    };

    private static void Row(Dictionary<string, string?> form, int i, string kind, string text, string? themes = null, string? consent = null, string? teller = null)
    {
        form[$"Input.Rows[{i}].Kind"] = kind;
        form[$"Input.Rows[{i}].Text"] = text;
        if (themes is not null) form[$"Input.Rows[{i}].Themes"] = themes;
        if (consent is not null) form[$"Input.Rows[{i}].Consent"] = consent;
        if (teller is not null) form[$"Input.Rows[{i}].TellerLabel"] = teller;
    }

    [Test]
    public async Task The_bulk_entry_page_offers_30_rows_the_theme_codes_and_focus_on_its_first_field()
    {
        var page = await World.Volunteer.Browser.GetPageAsync(Record(World.CampaignA));
        Assert.That(page.Document.QuerySelectorAll("#rows tbody tr"), Has.Length.EqualTo(30));
        Assert.That(page.Document.QuerySelector("#Input_Type")!.HasAttribute("autofocus"), Is.True);
        Assert.That(page.Text("#theme-codes"), Does.Contain("MH").And.Contain("Mental health").And.Contain("LTC"));
        // Enter presses the form's first button: the one that saves nothing.
        var first = page.Form().QuerySelector("button[type=submit]")!;
        Assert.That(first.GetAttribute("formaction"), Does.EndWith("handler=Keep"));
    }

    [Test]
    public async Task A_typed_form_is_saved_and_a_fresh_one_follows_for_the_next_paper_form()
    {
        var form = Form("Bulk entry hall");
        Row(form, 0, "issue", "Waiting weeks for a GP appointment", "acc");
        Row(form, 1, "story", "I gave up and went to A&E", consent: "alliance", teller: "A father of three");
        Row(form, 3, "issue", "Damp flats", "Housing, mh");
        var saved = await World.Volunteer.Browser.SubmitAsync(Record(World.CampaignA), form);

        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(saved.Location, Is.EqualTo(Record(World.CampaignA)));
        var next = await World.Volunteer.Browser.FollowAsync(saved);
        Assert.That(next.Body, Does.Contain("Saved: 2 issues, 1 story."));
        Assert.That(next.Document.QuerySelector("#r0-text")!.TextContent, Is.Empty, "a fresh, empty form");
        Assert.That(await World.CountAsync("""
            SELECT COUNT(*) FROM listening_story s JOIN listening_event e ON e.id = s.event_id
            WHERE e.place = 'Bulk entry hall' AND s.consent = 'alliance' AND s.teller_label = 'A father of three' AND s.raised_id IS NOT NULL
            """), Is.EqualTo(1));
    }

    [Test]
    public async Task A_refused_form_comes_back_with_everything_typed_and_each_message_beside_its_row()
    {
        var form = Form("Refused hall", headcount: "5");
        Row(form, 0, "issue", "No interpreter at the clinic", "Weather");
        Row(form, 1, "testimony", "They sent my daughter to translate", teller: "A mother");
        Row(form, 2, "issue", "Nothing to eat at the ward");
        var page = await World.Volunteer.Browser.SubmitAsync(Record(World.CampaignA), form);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Text("#r1-consent-error"), Does.Contain("consent"));
        Assert.That(page.Text("#r2-themes-error"), Does.Contain("theme"));
        Assert.That(page.Document.QuerySelector("#r1-text")!.TextContent, Is.EqualTo("They sent my daughter to translate"));
        Assert.That(page.Document.QuerySelector("#r1-teller")!.GetAttribute("value"), Is.EqualTo("A mother"));
        Assert.That(page.Document.QuerySelector("#Input_Place")!.GetAttribute("value"), Is.EqualTo("Refused hall"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE place = 'Refused hall'"), Is.EqualTo(0));

        // Fixing those two, the unknown theme is named next.
        var again = await page.SubmitAsync(World.Volunteer.Browser, new() { ["Input.Rows[1].Consent"] = "none", ["Input.Rows[2].Themes"] = "food" });
        Assert.That(again.Text("#r0-themes-error"), Does.Contain("“Weather”"));
        var done = await again.SubmitAsync(World.Volunteer.Browser, new() { ["Input.Rows[0].Themes"] = "COM" });
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), done.Errors);
    }

    [Test]
    public async Task Pressing_Enter_part_way_saves_nothing_and_keeps_the_form()
    {
        var page = await World.Volunteer.Browser.GetPageAsync(Record(World.CampaignA));
        var form = Form("Enter hall");
        Row(form, 0, "issue", "Half typed", "Food");
        // The hidden first button's action, as Enter in a one-line field uses it.
        var keep = await World.Volunteer.Browser.PostAsync($"{Record(World.CampaignA)}&handler=Keep", PageResponseFields(page, form));
        Assert.That(keep.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(keep.Text("#notice"), Does.Contain("Nothing has been saved yet"));
        Assert.That(keep.Document.QuerySelector("#r0-text")!.TextContent, Is.EqualTo("Half typed"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE place = 'Enter hall'"), Is.EqualTo(0));
        var saved = await keep.SubmitAsync(World.Volunteer.Browser);
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE place = 'Enter hall'"), Is.EqualTo(1));
    }

    private static List<KeyValuePair<string, string>> PageResponseFields(PageResponse page, Dictionary<string, string?> values)
    {
        var fields = PageResponse.FieldsOf(page.Form());
        foreach (var (name, value) in values)
        {
            fields.RemoveAll(f => f.Key == name);
            if (value is not null) fields.Add(new(name, value));
        }
        return fields;
    }

    [Test]
    public async Task A_date_outside_the_campaign_offers_Save_anyway()
    {
        var form = Form("Early hall", days: -40);
        Row(form, 0, "issue", "Pharmacy closed", "Access");
        var asked = await World.Volunteer.Browser.SubmitAsync(Record(World.CampaignA), form);
        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asked.FieldError("Input.ConfirmOutsideCampaign"), Does.Contain("Save anyway"));
        Assert.That(asked.Document.QuerySelector("#Input_ConfirmOutsideCampaign"), Is.Not.Null);
        var saved = await asked.SubmitAsync(World.Volunteer.Browser, new() { ["Input.ConfirmOutsideCampaign"] = "true" });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
    }

    [Test]
    public async Task A_Volunteer_cannot_open_another_teams_campaign_by_URL_and_an_Observer_cannot_record()
    {
        Assert.That((await World.Volunteer.Browser.GetAsync(Record(World.CampaignB))).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Listening/Events?campaign={World.CampaignB}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Leader.Browser.GetAsync($"/Listening/Events/Create?campaign={World.CampaignB}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await World.Observer.Browser.GetAsync(Record(World.CampaignA))).StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That((await World.OtherVolunteer.Browser.GetAsync(Record(World.CampaignB))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_list_shows_a_Volunteer_their_own_events_and_a_Leader_all_of_their_teams()
    {
        await World.AddEventAsync(World.CampaignA, recordedBy: World.Volunteer.Id, place: "Volunteer's cafe");
        await World.AddEventAsync(World.CampaignA, recordedBy: World.Leader.Id, place: "Leader's library", type: "street-stall");
        var mine = await World.Volunteer.Browser.GetPageAsync($"/Listening/Events?campaign={World.CampaignA}");
        Assert.That(mine.Text("#events"), Does.Contain("Volunteer's cafe").And.Not.Contain("Leader's library"));
        var all = await World.Leader.Browser.GetPageAsync($"/Listening/Events?campaign={World.CampaignA}");
        Assert.That(all.Text("#events"), Does.Contain("Volunteer's cafe").And.Contain("Leader's library"));
        var filtered = await World.Leader.Browser.GetPageAsync($"/Listening/Events?campaign={World.CampaignA}&type=street-stall&q=library");
        Assert.That(filtered.Text("#events"), Does.Contain("Leader's library").And.Not.Contain("Volunteer's cafe"));
        var csv = await World.Leader.Browser.GetAsync($"/Listening/Events?campaign={World.CampaignA}&handler=Csv");
        Assert.That(csv.ContentType, Does.StartWith("text/csv"));
        Assert.That(csv.Body, Does.Contain("Leader's library"));
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Listening/Events?campaign={World.CampaignA}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var observer = await World.Observer.Browser.GetAsync($"/Listening/Events?campaign={World.CampaignA}");
        Assert.That(observer.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK));
        Assert.That(observer.Body, Does.Not.Contain("Volunteer's cafe"));
    }

    [Test]
    public async Task An_events_page_shows_what_was_heard_with_consent_to_those_who_may_see_it_and_no_one_else()
    {
        var host = World.PersonOf["Volunteer"];
        var eventId = await World.AddEventAsync(World.CampaignA, recordedBy: World.Volunteer.Id, hostPersonId: host, facilitators: [World.PersonOf["Leader"]]);
        var raised = await World.AddRaisedAsync(eventId, "The surgery phone line is always busy", "Access and waiting");
        await World.AddStoryAsync(eventId, "I rang 60 times one morning", "none", raisedId: raised, tellerLabel: "A carer");

        var page = await World.Leader.Browser.GetPageAsync($"/Listening/Events/Details/{eventId}");
        Assert.That(page.Text("#heard"), Does.Contain("I rang 60 times one morning").And.Contain("Not to be shared").And.Contain("Access and waiting"));
        Assert.That(page.Text("#host"), Is.EqualTo("Val Volunteer"));
        Assert.That(page.Text("#facilitators"), Is.EqualTo("Lee Leader"));
        Assert.That((await World.Volunteer.Browser.GetAsync($"/Listening/Events/Details/{eventId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        foreach (var outsider in new[] { World.OtherLeader, World.OtherVolunteer })
            Assert.That((await outsider.Browser.GetAsync($"/Listening/Events/Details/{eventId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        foreach (var url in new[] { $"/Listening/Events/Details/{eventId}", $"/Listening/Events/Edit/{eventId}", $"/Listening/Events/Record?event={eventId}", $"/Listening/Events/Delete/{eventId}" })
        {
            var observer = await World.Observer.Browser.GetAsync(url);
            Assert.That(observer.StatusCode, Is.Not.EqualTo(HttpStatusCode.OK), url);
            Assert.That(observer.Body, Does.Not.Contain("I rang 60 times").And.Not.Contain("Val Volunteer"), url);
        }
    }

    [Test]
    public async Task Typing_in_what_was_heard_at_an_existing_event_updates_its_rows_in_place()
    {
        var eventId = await World.AddEventAsync(World.CampaignA, recordedBy: World.Leader.Id);
        var raised = await World.AddRaisedAsync(eventId, "Bus to the hospital was cut", "Access and waiting");
        var url = $"/Listening/Events/Record?event={eventId}";
        var page = await World.Leader.Browser.GetPageAsync(url);
        Assert.That(page.Document.QuerySelector("#r0-text")!.TextContent, Is.EqualTo("Bus to the hospital was cut"));
        Assert.That(page.Document.QuerySelector("#r0-themes")!.GetAttribute("value"), Is.EqualTo("Access and waiting"));

        var form = new Dictionary<string, string?> { ["Input.Rows[0].Text"] = "The 61 bus to the hospital was cut" };
        Row(form, 1, "quote", "Two buses and an hour each way", consent: "public");
        var saved = await page.SubmitAsync(World.Leader.Browser, form);
        Assert.That(saved.Location, Is.EqualTo($"/Listening/Events/Details/{eventId}"), saved.Errors);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE id = @id AND text = 'The 61 bus to the hospital was cut'", new { id = raised.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_story WHERE raised_id = @id AND kind = 'quote'", new { id = raised.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task Scheduling_an_event_chooses_people_by_search_without_script_and_editing_moves_it()
    {
        var create = $"/Listening/Events/Create?campaign={World.CampaignA}";
        var form = Form("Community hub", days: 7, headcount: "");
        form["Find"] = "Val";
        var found = await World.Leader.Browser.PostAsync($"{create}&handler=Find", PageResponseFields(await World.Leader.Browser.GetPageAsync(create), form));
        Assert.That(found.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(found.Text("#matches"), Does.Contain("Val Volunteer"));
        Assert.That(found.Document.QuerySelector("#Input_Place")!.GetAttribute("value"), Is.EqualTo("Community hub"), "what was typed is kept");

        var hostButton = found.Document.QuerySelectorAll("#matches button").First(b => b.TextContent.Contains("host"));
        var withHost = await World.Leader.Browser.PostAsync(hostButton.GetAttribute("formaction")!,
            PageResponse.FieldsOf(found.Form()).Append(new("person", hostButton.GetAttribute("value")!)));
        Assert.That(withHost.Text("label[for=host]"), Does.Contain("Val Volunteer"));

        var saved = await withHost.SubmitAsync(World.Leader.Browser, new() { ["Input.FacilitatorIds"] = World.PersonOf["Leader"].ToString() });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), saved.Errors);
        var eventId = Guid.Parse(saved.LocationPath!.Split('/').Last());
        Assert.That((await World.RemindersAsync($"listening.event.{eventId}.")).Where(r => r.Status == "pending"), Is.Not.Empty);

        var edit = await World.Leader.Browser.SubmitAsync($"/Listening/Events/Edit/{eventId}", new() { ["Input.Place"] = "Moved hub" });
        Assert.That(edit.Location, Is.EqualTo($"/Listening/Events/Details/{eventId}"), edit.Errors);
        var details = await World.Leader.Browser.GetPageAsync($"/Listening/Events/Details/{eventId}");
        Assert.That(details.Text("#event"), Does.Contain("Moved hub"));
        Assert.That(details.Text("#host"), Is.EqualTo("Val Volunteer"));
    }

    [Test]
    public async Task Deleting_asks_first_and_names_what_goes()
    {
        var eventId = await World.AddEventAsync(World.CampaignA, recordedBy: World.Volunteer.Id, place: "Doomed hall");
        await World.AddRaisedAsync(eventId, "Doomed issue", "Food");
        var confirm = await World.Volunteer.Browser.GetPageAsync($"/Listening/Events/Delete/{eventId}");
        Assert.That(confirm.Text("#what-goes"), Does.Contain("1 issue raised"));
        Assert.That((await World.OtherLeader.Browser.GetAsync($"/Listening/Events/Delete/{eventId}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var deleted = await confirm.SubmitAsync(World.Volunteer.Browser);
        Assert.That(deleted.Location, Is.EqualTo($"/Listening/Events?campaign={World.CampaignA}"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE id = @id", new { id = eventId.ToString() }), Is.EqualTo(0));
    }
}
