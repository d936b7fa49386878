using System.Globalization;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Listening.Areas.Listening.Pages.Events;
using Organising.Listening.Events;
using Organising.Platform.Calendar;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Tests.Events;

/// <summary>The one command behind every event form: what it saves, what it refuses, and what follows from it.</summary>
public sealed class RecordEventTests : WorldFixture
{
    private static DateOnly Day(ListeningWorld world, int days) => DateOnly.ParseExact(world.Date(days), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private RecordEvent.Command Event(Guid campaign, int days = -1, params RecordEvent.Row[] rows) => new()
    {
        CampaignId = campaign, Type = "house-meeting", Date = Day(World, days), Time = new TimeOnly(18, 30), Place = "St Mary's hall", Headcount = 12,
        Language = "English", Rows = rows.ToList(),
    };

    private static RecordEvent.Row Issue(string text, string themes) => new() { Kind = "issue", Text = text, Themes = themes };
    private static RecordEvent.Row Story(string text, string? consent, string kind = "story", Guid? teller = null) =>
        new() { Kind = kind, Text = text, Consent = consent, TellerPersonId = teller };

    private static async Task<ValidationFailedException> Refused(Task task)
    {
        try { await task; }
        catch (ValidationFailedException ex) { return ex; }
        Assert.Fail("The command was not refused.");
        throw new InvalidOperationException();
    }

    private async Task<long> ActivityCount(string sourceKey) => await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key = @sourceKey", new { sourceKey });

    [Test]
    public async Task A_30_row_form_saves_every_row_with_its_themes_and_each_story_behind_the_issue_above_it()
    {
        var rows = new List<RecordEvent.Row>();
        for (var i = 0; i < 15; i++)
        {
            rows.Add(Issue($"Issue {i}", i % 2 == 0 ? "hous, MH" : "Access and waiting"));
            rows.Add(Story($"Story {i}", i % 3 == 0 ? "public" : "alliance", i % 2 == 0 ? "story" : "quote"));
        }
        rows.Insert(5, new RecordEvent.Row()); // a blank row is left out

        var result = await World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, rows.ToArray()));

        Assert.That((result.Issues, result.Stories), Is.EqualTo((15, 15)));
        await using var db = World.App.OpenDatabase();
        var issues = (await db.QueryAsync<(string Id, string Text)>("SELECT id, text FROM listening_raised WHERE event_id = @id ORDER BY position", new { id = result.EventId.ToString() })).ToList();
        Assert.That(issues.Select(i => i.Text), Is.EqualTo(Enumerable.Range(0, 15).Select(i => $"Issue {i}")));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme t JOIN listening_raised r ON r.id = t.raised_id WHERE r.event_id = @id",
            new { id = result.EventId.ToString() }), Is.EqualTo(8 * 2 + 7));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE raised_id = @id AND theme_id = @theme",
            new { id = issues[0].Id, theme = World.Themes["Mental health"].ToString() }), Is.EqualTo(1));
        var stories = (await db.QueryAsync<(string Text, string RaisedId)>("SELECT text, raised_id FROM listening_story WHERE event_id = @id ORDER BY position", new { id = result.EventId.ToString() })).ToList();
        Assert.That(stories.Select(s => s.RaisedId), Is.EqualTo(issues.Select(i => i.Id)), "each story stands behind the issue just above it");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE id = @id AND recorded_by = @user",
            new { id = result.EventId.ToString(), user = World.Volunteer.Id.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task Themes_are_typed_by_the_codes_printed_on_the_report_back_form()
    {
        // ACC and HOU are the seeded codes the paper form prints (not the initials "AW" of "Access and waiting").
        var result = await World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("No buses to the clinic", "acc, HOU")));

        await using var db = World.App.OpenDatabase();
        var themes = await db.QueryAsync<string>("""
            SELECT t.theme_id FROM listening_raised_theme t JOIN listening_raised r ON r.id = t.raised_id WHERE r.event_id = @id
            """, new { id = result.EventId.ToString() });
        Assert.That(themes, Is.EquivalentTo(new[] { World.Themes["Access and waiting"].ToString(), World.Themes["Housing"].ToString() }));
    }

    [Test]
    public async Task A_Volunteer_records_in_their_own_teams_campaign_but_not_another_teams()
    {
        var ex = await Refused(World.SendAsAsync(World.Volunteer, Event(World.CampaignB)));
        Assert.That(ex.Errors.Single().Message, Is.EqualTo(RecordEvent.NoSuchCampaign));
        var other = await World.AddEventAsync(World.CampaignA, recordedBy: World.Leader.Id);
        var edit = Event(World.CampaignA);
        edit.EventId = other;
        Assert.That((await Refused(World.SendAsAsync(World.Volunteer, edit))).Errors.Single().Message, Is.EqualTo(RecordEvent.NoSuchEvent));
        Assert.That((await Refused(World.SendAsAsync(World.Observer, Event(World.CampaignA)))).Errors.Single().Message, Is.EqualTo(RecordEvent.NoSuchCampaign));
    }

    [Test]
    public async Task A_headcount_below_the_people_named_is_refused()
    {
        var command = Event(World.CampaignA);
        command.Headcount = 1;
        command.ParticipantIds = [World.PersonOf["Leader"], World.PersonOf["Volunteer"]];
        var ex = await Refused(World.SendAsAsync(World.Organiser, command));
        Assert.That(ex.Errors.Single(e => e.Field == "Headcount").Message, Does.Contain("cannot be less than 2"));
    }

    [Test]
    public async Task An_issue_needs_a_theme_and_a_story_needs_consent_with_no_default()
    {
        var ex = await Refused(World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("Damp flats", ""), Story("My son's asthma", null))));
        Assert.That(ex.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "Rows[0].Themes", "Rows[1].Consent" }));
        Assert.That(ex.Errors.Single(e => e.Field == "Rows[1].Consent").Message, Does.Contain("consent"));
    }

    [Test]
    public async Task An_unknown_or_ambiguous_theme_is_refused_by_name()
    {
        var ex = await Refused(World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("Damp", "Housing, Weather"))));
        Assert.That(ex.Errors.Single(e => e.Field == "Rows[0].Themes").Message, Does.Contain("“Weather”"));
        var ambiguous = await Refused(World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("Queues", "m"))));
        Assert.That(ambiguous.Errors.Single(e => e.Field == "Rows[0].Themes").Message, Does.Contain("could be Maternity or Mental health"));
        // "mat" is Maternity's code, so it is not ambiguous; "me" starts only Mental health.
        var ok = await World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("Queues", "mat"), Issue("Waiting", "me")));
        Assert.That(ok.Issues, Is.EqualTo(2));
    }

    [Test]
    public async Task A_date_outside_the_campaign_asks_for_confirmation_then_saves()
    {
        var command = Event(World.CampaignA, -45, Issue("Parking", "Access"));
        var ex = await Refused(World.SendAsAsync(World.Volunteer, command));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("ConfirmOutsideCampaign"));
        command.ConfirmOutsideCampaign = true;
        Assert.That((await World.SendAsAsync(World.Volunteer, command)).Issues, Is.EqualTo(1));
    }

    [Test]
    public async Task Facilitators_must_be_members_of_the_campaigns_team()
    {
        var command = Event(World.CampaignA);
        command.FacilitatorIds = [World.PersonOf["Volunteer2"]];
        var ex = await Refused(World.SendAsAsync(World.Leader, command));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("FacilitatorIds"));
    }

    [Test]
    public async Task Editing_keeps_the_ids_of_rows_still_there_so_candidate_issues_keep_their_links()
    {
        var saved = await World.SendAsAsync(World.Leader, Event(World.CampaignA, -1, Issue("Damp", "Housing"), Story("Mould in the bedroom", "public"), Issue("Buses", "Access")));
        await using var db = World.App.OpenDatabase();
        var raised = (await db.QueryAsync<string>("SELECT id FROM listening_raised WHERE event_id = @id ORDER BY position", new { id = saved.EventId.ToString() })).Select(Guid.Parse).ToList();
        var story = Guid.Parse(await db.ExecuteScalarAsync<string>("SELECT id FROM listening_story WHERE event_id = @id", new { id = saved.EventId.ToString() }) ?? "");
        var candidate = await World.AddCandidateAsync(World.CampaignA, "Fix the damp", [raised[0]]);

        var edit = Event(World.CampaignA, -1,
            new RecordEvent.Row { Id = raised[0], Kind = "issue", Text = "Damp and mould", Themes = "Housing, Mental health" },
            new RecordEvent.Row { Id = story, Kind = "testimony", Text = "Mould in the bedroom", Consent = "alliance" },
            Issue("Food prices", "Food"));
        edit.EventId = saved.EventId;
        var result = await World.SendAsAsync(World.Leader, edit);

        Assert.That((result.Issues, result.Stories, result.Created), Is.EqualTo((2, 1, false)));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE id = @id AND text = 'Damp and mould'", new { id = raised[0].ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE id = @id", new { id = raised[1].ToString() }), Is.EqualTo(0), "the row left out is removed");
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_candidate_raised WHERE candidate_id = @candidate AND raised_id = @id",
            new { candidate = candidate.ToString(), id = raised[0].ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_story WHERE id = @id AND kind = 'testimony' AND consent = 'alliance' AND raised_id = @raised",
            new { id = story.ToString(), raised = raised[0].ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised_theme WHERE raised_id = @id", new { id = raised[0].ToString() }), Is.EqualTo(2));
    }

    [Test]
    public async Task Editing_the_event_alone_leaves_what_was_heard_as_it_is()
    {
        var saved = await World.SendAsAsync(World.Volunteer, Event(World.CampaignA, -1, Issue("Damp", "Housing")));
        var edit = Event(World.CampaignA);
        edit.EventId = saved.EventId;
        edit.WithRows = false;
        edit.Place = "Library";
        await World.SendAsAsync(World.Volunteer, edit);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE event_id = @id", new { id = saved.EventId.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE id = @id AND place = 'Library'", new { id = saved.EventId.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task A_future_event_reminds_its_facilitators_moves_their_reminders_and_cancels_a_removed_ones()
    {
        var leader = World.PersonOf["Leader"];
        var volunteer = World.PersonOf["Volunteer"];
        var command = Event(World.CampaignA, 5);
        command.Headcount = null;
        command.FacilitatorIds = [leader, volunteer];
        var saved = await World.SendAsAsync(World.Leader, command);
        var prefix = ListeningKeys.EventReminderPrefix(saved.EventId);

        var first = await World.RemindersAsync(prefix);
        Assert.That(first.Where(r => r.Status == "pending").Select(r => r.BaseKey).Distinct(),
            Is.EquivalentTo(new[] { ListeningKeys.EventReminder(saved.EventId, leader), ListeningKeys.EventReminder(saved.EventId, volunteer) }));
        Assert.That(first[0].Subject, Does.Contain("House meeting"));

        command.EventId = saved.EventId;
        command.Date = Day(World, 6);
        command.FacilitatorIds = [leader];
        await World.SendAsAsync(World.Leader, command);
        var second = await World.RemindersAsync(prefix);
        Assert.That(second.Where(r => r.Status == "pending").Select(r => r.BaseKey).Distinct(), Is.EquivalentTo(new[] { ListeningKeys.EventReminder(saved.EventId, leader) }));
        Assert.That(second.Where(r => r.Status == "pending").Select(r => r.DueAt), Is.Not.EquivalentTo(first.Where(r => r.BaseKey.EndsWith(leader.ToString())).Select(r => r.DueAt)),
            "the leader's reminders moved with the event");
        Assert.That(second.Where(r => r.PersonId == volunteer.ToString()).Select(r => r.Status).Distinct(), Is.EqualTo(new[] { "cancelled" }));

        // The leader's calendar lists it; the volunteer's no longer does.
        var calendar = await World.AsAsync(World.Leader, async (_, services) =>
            await services.GetServices<ICalendarSource>().OfType<ListeningCalendar>().Single()
                .EventsAsync(new CalendarOwner(World.Leader.Id, leader), World.Clock.GetUtcNow(), World.Clock.GetUtcNow().AddDays(30), default));
        Assert.That(calendar.Select(c => c.Uid), Does.Contain($"listening.event.{saved.EventId}"));
        var volunteersCalendar = await World.AsAsync(World.Volunteer, async (_, services) =>
            await services.GetServices<ICalendarSource>().OfType<ListeningCalendar>().Single()
                .EventsAsync(new CalendarOwner(World.Volunteer.Id, volunteer), World.Clock.GetUtcNow(), World.Clock.GetUtcNow().AddDays(30), default));
        Assert.That(volunteersCalendar.Select(c => c.Uid), Does.Not.Contain($"listening.event.{saved.EventId}"));
    }

    [Test]
    public async Task A_future_event_needs_its_start_time()
    {
        var command = Event(World.CampaignA, 5);
        command.Time = null;
        var ex = await Refused(World.SendAsAsync(World.Leader, command));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("Time"));
    }

    [Test]
    public async Task Hosting_a_house_meeting_that_took_place_counts_on_the_ladder_until_the_host_or_type_changes()
    {
        var host = World.PersonOf["Volunteer"];
        var command = Event(World.CampaignA);
        command.HostPersonId = host;
        var saved = await World.SendAsAsync(World.Organiser, command);
        var key = ListeningKeys.HostActivity(saved.EventId);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key = @key AND person_id = @host AND activity = 'hosted-house-meeting'",
            new { key, host = host.ToString() }), Is.EqualTo(1));

        command.EventId = saved.EventId;
        command.Type = "street-stall";
        var ex = await Refused(World.SendAsAsync(World.Organiser, command));
        Assert.That(ex.Errors.Single().Field, Is.EqualTo("HostPersonId"), "only a house meeting has a host");
        command.HostPersonId = null;
        await World.SendAsAsync(World.Organiser, command);
        Assert.That(await ActivityCount(key), Is.EqualTo(0));

        command.Type = "house-meeting";
        command.HostPersonId = host;
        command.Date = Day(World, 3);
        await World.SendAsAsync(World.Organiser, command);
        Assert.That(await ActivityCount(key), Is.EqualTo(0), "a meeting still to come has not been hosted yet");
    }

    [Test]
    public async Task A_testimony_by_a_named_teller_counts_on_the_ladder_and_is_withdrawn_with_its_row()
    {
        var teller = World.PersonOf["Volunteer"];
        var saved = await World.SendAsAsync(World.Organiser, Event(World.CampaignA, -1, Issue("Interpreters", "Communication"),
            Story("I waited three hours without an interpreter", "public", "testimony", teller)));
        await using var db = World.App.OpenDatabase();
        var storyId = Guid.Parse(await db.ExecuteScalarAsync<string>("SELECT id FROM listening_story WHERE event_id = @id", new { id = saved.EventId.ToString() }) ?? "");
        var key = ListeningKeys.TellerActivity(storyId);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key = @key AND person_id = @teller AND activity = 'gave-testimony'",
            new { key, teller = teller.ToString() }), Is.EqualTo(1));

        var edit = Event(World.CampaignA, -1, Issue("Interpreters", "Communication"));
        edit.EventId = saved.EventId;
        await World.SendAsAsync(World.Organiser, edit);
        Assert.That(await ActivityCount(key), Is.EqualTo(0));
    }

    [Test]
    public async Task Deleting_an_event_takes_its_rows_reminders_and_ladder_activities_with_it()
    {
        var command = Event(World.CampaignA, -1, Issue("Damp", "Housing"));
        command.HostPersonId = World.PersonOf["Volunteer"];
        var past = await World.SendAsAsync(World.Organiser, command);
        var future = Event(World.CampaignA, 4);
        future.FacilitatorIds = [World.PersonOf["Leader"]];
        var coming = await World.SendAsAsync(World.Organiser, future);

        Assert.That(await World.SendAsAsync(World.Leader, new DeleteEvent.Command(past.EventId)), Is.EqualTo(World.CampaignA));
        await World.SendAsAsync(World.Leader, new DeleteEvent.Command(coming.EventId));

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_raised WHERE event_id = @id", new { id = past.EventId.ToString() }), Is.EqualTo(0));
        Assert.That(await ActivityCount(ListeningKeys.HostActivity(past.EventId)), Is.EqualTo(0));
        Assert.That((await World.RemindersAsync(ListeningKeys.EventReminderPrefix(coming.EventId))).Select(r => r.Status).Distinct(), Is.EqualTo(new[] { "cancelled" }));
    }

    [Test]
    public async Task Only_managers_and_the_recorder_may_delete_an_event()
    {
        var leaders = await World.AddEventAsync(World.CampaignA, recordedBy: World.Leader.Id);
        Assert.That((await Refused(World.SendAsAsync(World.Volunteer, new DeleteEvent.Command(leaders)))).Errors.Single().Message, Is.EqualTo(RecordEvent.NoSuchEvent));
        Assert.That((await Refused(World.SendAsAsync(World.OtherLeader, new DeleteEvent.Command(leaders)))).Errors.Single().Message, Is.EqualTo(RecordEvent.NoSuchEvent));
        var own = await World.AddEventAsync(World.CampaignA, recordedBy: World.Volunteer.Id);
        Assert.That(await World.SendAsAsync(World.Volunteer, new DeleteEvent.Command(own)), Is.EqualTo(World.CampaignA));
    }
}
