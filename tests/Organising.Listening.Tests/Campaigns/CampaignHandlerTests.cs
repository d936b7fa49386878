using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Organising.Listening.Areas.Listening.Pages;
using Organising.Listening.Areas.Listening.Pages.Campaigns;
using Organising.Listening.Events;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;
using Organising.Teams.Contracts;
using static Organising.Listening.Tests.Campaigns.CampaignTestSupport;

namespace Organising.Listening.Tests.Campaigns;

/// <summary>The campaign commands and queries on a real database: who may do what with which team's campaigns, and the rules of the form.</summary>
public sealed class CampaignHandlerTests : WorldFixture
{
    private SaveCampaign.Command NewCampaign(string name, Guid team, params Guid[] networks) => new()
    {
        Name = name, Purpose = "To hear what matters.", TeamId = team, NetworkIds = networks.ToList(),
        StartsOn = World.Day(), EndsOn = World.Day(90), TargetConversations = 50, Status = "planned",
    };

    private async Task<IReadOnlyList<FieldError>> RefusalAsync(AppWorld.User user, ICommand<SaveCampaign.Saved> command)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(user, command));
        return ex!.Errors;
    }

    private async Task<List<string>> NamesSeenBy(AppWorld.User user, string? search = null) =>
        (await World.SendAsAsync(user, new FindCampaigns.Query(search, null, 1, null))).Campaigns.Items.Select(r => r.Name).ToList();

    [Test]
    public async Task An_organiser_starts_a_campaign_with_its_networks_and_edits_it()
    {
        var name = Unique("Spring listening");
        var saved = await World.SendAsAsync(World.Organiser, NewCampaign(name, World.TeamB, World.NetworkA, World.NetworkB));
        Assert.That(saved.Created, Is.True);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE id = @id AND team_id = @team AND status = 'planned' AND target_conversations = 50 AND starts_on = @start",
            new { id = saved.Id.ToString(), team = World.TeamB.ToString(), start = World.Date() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign_network WHERE campaign_id = @id", new { id = saved.Id.ToString() }), Is.EqualTo(2));
        Assert.That(await World.AuditCountAsync("listening.campaign-created", saved.Id), Is.EqualTo(1));

        var edit = NewCampaign(name, World.TeamB, World.NetworkB);
        edit.Id = saved.Id;
        edit.Status = "active";
        var edited = await World.SendAsAsync(World.Organiser, edit);
        Assert.That(edited.Changed, Is.EquivalentTo(new[] { "status", "networks" }));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign_network WHERE campaign_id = @id AND network_id = @n",
            new { id = saved.Id.ToString(), n = World.NetworkA.ToString() }), Is.Zero);
        Assert.That(await World.AuditCountAsync("listening.campaign-edited", saved.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task The_form_rules_refuse_a_duplicate_name_an_end_before_the_start_no_network_and_an_impossible_target()
    {
        var duplicate = await RefusalAsync(World.Organiser, NewCampaign("NORTHFIELD listening", World.TeamA, World.NetworkA));
        Assert.That(duplicate.Single().Field, Is.EqualTo("Name"));
        Assert.That(duplicate.Single().Message, Is.EqualTo("There is already a listening campaign called “NORTHFIELD listening”. Choose another name."));

        var backwards = NewCampaign(Unique("Backwards"), World.TeamA, World.NetworkA);
        backwards.EndsOn = World.Day(-1);
        Assert.That((await RefusalAsync(World.Organiser, backwards)).Single().Message,
            Is.EqualTo("The campaign cannot end before it starts: choose an end date on or after the start date."));

        var nowhere = NewCampaign(Unique("Nowhere"), World.TeamA);
        Assert.That((await RefusalAsync(World.Organiser, nowhere)).Single(), Is.EqualTo(new FieldError("NetworkIds", "Tick at least one network the campaign listens in.")));

        var unknown = NewCampaign(Unique("Unknown network"), World.TeamA, Guid.NewGuid());
        Assert.That((await RefusalAsync(World.Organiser, unknown)).Single().Field, Is.EqualTo("NetworkIds"));

        var greedy = NewCampaign(Unique("Greedy"), World.TeamA, World.NetworkA);
        greedy.TargetConversations = 100_001;
        Assert.That((await RefusalAsync(World.Organiser, greedy)).Single().Message, Is.EqualTo("Enter a target between 0 and 100,000 conversations."));

        var badStatus = NewCampaign(Unique("Odd"), World.TeamA, World.NetworkA);
        badStatus.Status = "paused";
        Assert.That((await RefusalAsync(World.Organiser, badStatus)).Single().Field, Is.EqualTo("Status"));

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE name LIKE 'Backwards%' OR name LIKE 'Nowhere%' OR name LIKE 'Greedy%'"), Is.Zero);
    }

    [Test]
    public async Task A_leader_runs_campaigns_only_with_the_team_they_lead()
    {
        var own = await World.SendAsAsync(World.Leader, NewCampaign(Unique("Lee's listening"), World.TeamA, World.NetworkA));
        Assert.That(own.Created, Is.True);

        var other = await RefusalAsync(World.Leader, NewCampaign(Unique("Not Lee's"), World.TeamB, World.NetworkB));
        Assert.That(other.Single(), Is.EqualTo(new FieldError("TeamId", "You can only run listening campaigns for the teams you lead: choose one of them.")));

        // Moving their own campaign to another team is refused too.
        var move = NewCampaign(Unique("Moved"), World.TeamB, World.NetworkA);
        move.Id = own.Id;
        Assert.That((await RefusalAsync(World.Leader, move)).Single().Field, Is.EqualTo("TeamId"));

        // Another team's campaign is not there for them.
        var hijack = NewCampaign(Unique("Hijacked"), World.TeamA, World.NetworkA);
        hijack.Id = World.CampaignB;
        Assert.That((await RefusalAsync(World.Leader, hijack)).Single().Message, Is.EqualTo(SaveCampaign.NoSuchCampaign));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_campaign WHERE name LIKE 'Hijacked%' OR name LIKE 'Moved%'"), Is.Zero);
    }

    [Test]
    public async Task Volunteers_and_observers_cannot_start_a_campaign()
    {
        foreach (var user in new[] { World.Volunteer, World.Observer })
        {
            var refused = await RefusalAsync(user, NewCampaign(Unique("Not allowed"), World.TeamA, World.NetworkA));
            Assert.That(refused.Single().Message, Does.StartWith("Only Organisers and the Leaders of a team"), user.Role);
        }
    }

    [Test]
    public async Task A_network_with_events_in_it_stays_on_the_campaign()
    {
        var campaign = await World.AddCampaignAsync(Unique("Two networks"), World.TeamA, [World.NetworkA, World.NetworkB]);
        await World.AddEventAsync(campaign, networkId: World.NetworkB);
        var edit = NewCampaign(Unique("Two networks"), World.TeamA, World.NetworkA);
        edit.Id = campaign;
        var refused = await RefusalAsync(World.Organiser, edit);
        Assert.That(refused.Single().Field, Is.EqualTo("NetworkIds"));
        Assert.That(refused.Single().Message, Does.StartWith("Events were recorded in Diabetes pathway"));
    }

    [Test]
    public async Task The_list_shows_each_user_the_campaigns_of_their_teams()
    {
        Assert.That(await NamesSeenBy(World.Leader), Does.Contain("Northfield listening").And.Not.Contain("Diabetes listening"));
        Assert.That(await NamesSeenBy(World.Volunteer), Does.Contain("Northfield listening").And.Not.Contain("Diabetes listening"));
        Assert.That(await NamesSeenBy(World.OtherVolunteer), Does.Contain("Diabetes listening").And.Not.Contain("Northfield listening"));
        Assert.That(await NamesSeenBy(World.Observer), Does.Contain("Diabetes listening").And.Contain("Northfield listening"));
        Assert.That(await NamesSeenBy(World.Organiser), Does.Contain("Diabetes listening").And.Contain("Northfield listening"));

        var (_, email) = await World.NewUserAsync(Organising.Platform.Identity.Roles.Volunteer);
        var stranger = new AppWorld.User(await World.UserIdAsync(email), email, "Volunteer", "Stranger", null!);
        var none = await World.SendAsAsync(stranger, new FindCampaigns.Query(null, null, 1, 50));
        Assert.That(none.AnyCampaigns, Is.False, "someone in no team sees the first-run state");
        Assert.That(none.MayStart, Is.False);
    }

    [Test]
    public async Task The_list_counts_conversations_names_team_and_networks_and_offers_edit_only_to_managers()
    {
        var name = Unique("Counted");
        var campaign = await World.AddCampaignAsync(name, World.TeamA, [World.NetworkA, World.NetworkB], target: 40);
        await World.AddEventAsync(campaign);
        await World.AddEventAsync(campaign, networkId: World.NetworkB);
        World.App.OpenDatabase().Dispose();

        var row = (await World.SendAsAsync(World.Leader, new FindCampaigns.Query(name, null, 1, 50))).Campaigns.Items.Single();
        Assert.That(row.Conversations, Is.EqualTo(2));
        Assert.That(row.TargetConversations, Is.EqualTo(40));
        Assert.That(row.TeamName, Is.EqualTo("Northfield health team"));
        Assert.That(row.Networks, Is.EqualTo(new[] { "Diabetes pathway", "Northfield estate" }));
        Assert.That(row.CanManage, Is.True);

        Assert.That((await World.SendAsAsync(World.Observer, new FindCampaigns.Query(name, null, 1, 50))).Campaigns.Items.Single().CanManage, Is.False);
        Assert.That((await World.SendAsAsync(World.Volunteer, new FindCampaigns.Query(name, null, 1, 50))).Campaigns.Items.Single().CanManage, Is.False);
    }

    [Test]
    public async Task Search_and_status_narrow_the_list_and_pages_hold_fifty()
    {
        var stem = Unique("Paged");
        for (var i = 0; i < 3; i++) await World.AddCampaignAsync($"{stem} {i}", World.TeamB, [World.NetworkB], status: i == 0 ? "closed" : "active");
        World.App.OpenDatabase().Dispose();

        var all = await World.SendAsAsync(World.Organiser, new FindCampaigns.Query(stem.ToUpperInvariant(), null, 1, 2));
        Assert.That(all.Campaigns.Total, Is.EqualTo(3));
        Assert.That(all.Campaigns.Items, Has.Count.EqualTo(2));
        Assert.That((await World.SendAsAsync(World.Organiser, new FindCampaigns.Query(stem, null, 2, 2))).Campaigns.Items, Has.Count.EqualTo(1));
        var closed = await World.SendAsAsync(World.Organiser, new FindCampaigns.Query(stem, "closed", 1, 50));
        Assert.That(closed.Campaigns.Items.Select(r => r.Name), Is.EqualTo(new[] { $"{stem} 0" }));
        Assert.That((await World.SendAsAsync(World.Organiser, new FindCampaigns.Query("no such campaign at all", null, 1, 50))).AnyCampaigns, Is.True);
    }

    [Test]
    public async Task The_hub_shows_events_only_to_those_who_may_see_them()
    {
        var campaign = await World.AddCampaignAsync(Unique("Hub"), World.TeamA, [World.NetworkA], target: 4);
        var byVolunteer = await World.AddEventAsync(campaign, recordedBy: World.Volunteer.Id);
        var byLeader = await World.AddEventAsync(campaign, recordedBy: World.Leader.Id, heldAt: World.Clock.GetUtcNow().AddDays(-3));
        var raised = await World.AddRaisedAsync(byVolunteer, "Damp in the flats", "Housing");
        await World.AddStoryAsync(byVolunteer, "My son's asthma", raisedId: raised);
        await World.AddCandidateAsync(campaign, "Fix the damp", [raised]);
        World.App.OpenDatabase().Dispose();

        var leader = (await World.SendAsAsync(World.Leader, new GetCampaign.Query(campaign)))!;
        Assert.That(leader.Recent.Select(e => e.Id), Is.EqualTo(new[] { byVolunteer, byLeader }));
        Assert.That((leader.Events, leader.Raised, leader.Stories, leader.Candidates), Is.EqualTo((2, 1, 1, 1)));
        Assert.That(leader.PercentOfTarget, Is.EqualTo(50));
        Assert.That((leader.CanManage, leader.CanRecord, leader.CanCutIssues), Is.EqualTo((true, true, true)));

        var volunteer = (await World.SendAsAsync(World.Volunteer, new GetCampaign.Query(campaign)))!;
        Assert.That(volunteer.Recent.Select(e => e.Id), Is.EqualTo(new[] { byVolunteer }));
        Assert.That((volunteer.CanManage, volunteer.CanRecord, volunteer.CanCutIssues), Is.EqualTo((false, true, false)));
        Assert.That(volunteer.Events, Is.EqualTo(2), "the numbers are the campaign's");

        var observer = (await World.SendAsAsync(World.Observer, new GetCampaign.Query(campaign)))!;
        Assert.That(observer.Recent, Is.Empty);
        Assert.That((observer.SeesEvents, observer.CanManage, observer.CanRecord), Is.EqualTo((false, false, false)));

        Assert.That(await World.SendAsAsync(World.OtherLeader, new GetCampaign.Query(campaign)), Is.Null);
        Assert.That(await World.SendAsAsync(World.OtherVolunteer, new GetCampaign.Query(campaign)), Is.Null);
        Assert.That(await World.SendAsAsync(World.Organiser, new GetCampaign.Query(Guid.NewGuid())), Is.Null);
    }

    [Test]
    public async Task Deleting_a_campaign_cancels_its_events_reminders_withdraws_ladder_activities_and_takes_everything_recorded()
    {
        var campaign = await World.AddCampaignAsync(Unique("To delete"), World.TeamA, [World.NetworkA]);
        var host = World.PersonOfUser(World.Volunteer);
        var meeting = await World.AddEventAsync(campaign, heldAt: World.Clock.GetUtcNow().AddDays(5), hostPersonId: host, facilitators: [host]);
        var raised = await World.AddRaisedAsync(meeting, "No interpreter at the surgery", "Communication and interpreting");
        var testimony = await World.AddStoryAsync(meeting, "I waited nine months", kind: "testimony", tellerPersonId: host, raisedId: raised);
        await World.AddCandidateAsync(campaign, "Interpreters at every surgery", [raised]);
        var keep = await World.AddEventAsync(World.CampaignA, hostPersonId: host);
        await World.AsAsync(World.Organiser, async (_, sp) =>
        {
            await sp.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(ListeningKeys.EventReminder(meeting, host), host, ListeningModule.EventReminder.Id,
                World.Clock.GetUtcNow().AddDays(5), "House meeting", "You are facilitating."));
            var publisher = sp.GetRequiredService<IPublisher>();
            await publisher.Publish(new LeadershipActivityRecorded(host, LeadershipActivities.HostedHouseMeeting, World.Clock.GetUtcNow(), ListeningKeys.HostActivity(meeting)));
            await publisher.Publish(new LeadershipActivityRecorded(host, LeadershipActivities.GaveTestimony, World.Clock.GetUtcNow(), ListeningKeys.TellerActivity(testimony)));
            await publisher.Publish(new LeadershipActivityRecorded(host, LeadershipActivities.HostedHouseMeeting, World.Clock.GetUtcNow(), ListeningKeys.HostActivity(keep)));
            return 0;
        });
        var prefix = ListeningKeys.EventReminderPrefix(meeting);
        Assert.That((await World.RemindersAsync(prefix)).Select(r => r.Status), Is.Not.Empty.And.All.EqualTo("pending"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE person_id = @p", new { p = host.ToString() }), Is.EqualTo(3));

        Assert.That(await World.SendAsAsync(World.OtherLeader, new DeleteCampaign.Query(campaign)), Is.Null);
        var otherLeader = await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.OtherLeader, new DeleteCampaign.Command { Id = campaign }));
        Assert.That(otherLeader!.Errors.Single().Message, Is.EqualTo(DeleteCampaign.NoSuchCampaign));
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.Volunteer, new DeleteCampaign.Command { Id = campaign }));

        var summary = (await World.SendAsAsync(World.Leader, new DeleteCampaign.Query(campaign)))!;
        Assert.That((summary.Events, summary.Raised, summary.Stories, summary.Candidates, summary.Prioritised), Is.EqualTo((1, 1, 1, 1, 0)));
        var deleted = await World.SendAsAsync(World.Leader, new DeleteCampaign.Command { Id = campaign });
        Assert.That(deleted.Events, Is.EqualTo(1));

        Assert.That((await World.RemindersAsync(prefix)).Select(r => r.Status), Is.Not.Empty.And.All.EqualTo("cancelled"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key IN (@a, @b)",
            new { a = ListeningKeys.HostActivity(meeting), b = ListeningKeys.TellerActivity(testimony) }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_activity WHERE source_key = @k", new { k = ListeningKeys.HostActivity(keep) }), Is.EqualTo(1),
            "another campaign's event still counts");
        var id = new { id = campaign.ToString() };
        foreach (var sql in new[]
                 {
                     "SELECT COUNT(*) FROM listening_campaign WHERE id = @id", "SELECT COUNT(*) FROM listening_campaign_network WHERE campaign_id = @id",
                     "SELECT COUNT(*) FROM listening_event WHERE campaign_id = @id", "SELECT COUNT(*) FROM listening_raised WHERE campaign_id = @id",
                     "SELECT COUNT(*) FROM listening_raised_theme WHERE campaign_id = @id", "SELECT COUNT(*) FROM listening_story WHERE campaign_id = @id",
                     "SELECT COUNT(*) FROM listening_candidate WHERE campaign_id = @id",
                 })
            Assert.That(await World.CountAsync(sql, id), Is.Zero, sql);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event_person WHERE event_id = @e", new { e = meeting.ToString() }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_candidate_raised WHERE raised_id = @r", new { r = raised.ToString() }), Is.Zero);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE id = @e", new { e = keep.ToString() }), Is.EqualTo(1));
        Assert.That(await World.AuditCountAsync("listening.campaign-deleted", campaign), Is.EqualTo(1));
    }

    [Test]
    public async Task A_campaign_with_an_issue_on_the_peoples_agenda_is_not_deleted()
    {
        var campaign = await World.AddCampaignAsync(Unique("On the agenda"), World.TeamA, [World.NetworkA]);
        var meeting = await World.AddEventAsync(campaign);
        var raised = await World.AddRaisedAsync(meeting, "Long waits", "Access and waiting");
        await World.AddCandidateAsync(campaign, "Shorter waits", [raised], status: "prioritised");

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.Organiser, new DeleteCampaign.Command { Id = campaign }));
        Assert.That(refused!.Errors.Single().Message, Does.Contain("take it off the people's agenda first"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_event WHERE campaign_id = @id", new { id = campaign.ToString() }), Is.EqualTo(1));
    }
}
