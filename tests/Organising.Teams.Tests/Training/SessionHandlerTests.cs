using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Calendar;
using Organising.Platform.Pipeline;
using Organising.Teams.Areas.Teams.Pages.Training.Sessions;
using Organising.Teams.Training;

namespace Organising.Teams.Tests.Training;

/// <summary>Sessions, enrolment, the waiting list, reminders, attendance and the calendar, through the handlers on a real database.</summary>
public sealed class SessionHandlerTests : TrainingFixture
{
    [Test]
    public async Task A_new_session_in_the_past_is_refused_with_a_message_beside_the_date()
    {
        var yesterday = NewSession(DaysAhead(-1), World.TeamA);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Organiser, yesterday));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo(nameof(SaveSession.Command.Date)));
        Assert.That(error.Errors.Single().Message, Does.Contain("passed"));
    }

    [Test]
    public async Task A_session_needs_a_place_or_a_link_and_to_end_after_it_starts()
    {
        var command = NewSession(DaysAhead(5), World.TeamA, place: null);
        command.EndTime = new TimeOnly(17, 0);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Organiser, command));

        Assert.That(error!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "EndTime", "Place" }));
        command.EndTime = new TimeOnly(20, 0);
        command.OnlineLink = "https://meet.example.org/training";
        Assert.That(await ScheduleAsync(World.Organiser, command), Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task A_leader_schedules_for_the_team_they_lead_only_and_organisers_for_everyone()
    {
        Assert.That(await ScheduleAsync(World.Leader, NewSession(DaysAhead(3), World.TeamA)), Is.Not.EqualTo(Guid.Empty));

        var otherTeam = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, NewSession(DaysAhead(3), World.TeamB)));
        Assert.That(otherTeam!.Errors.Single().Field, Is.EqualTo("TeamId"));
        var noTeam = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, NewSession(DaysAhead(3), null)));
        Assert.That(noTeam!.Errors.Single().Message, Does.Contain("organisers"));

        Assert.That(await ScheduleAsync(World.Organiser, NewSession(DaysAhead(3), null)), Is.Not.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task The_session_is_stored_in_utc_from_the_organisations_local_time()
    {
        var date = DaysAhead(20);
        var id = await ScheduleAsync(World.Organiser, NewSession(date, World.TeamA));

        var expected = TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(18, 30)), London);
        Assert.That((await StartsAtAsync(id)).UtcDateTime, Is.EqualTo(expected));
    }

    [Test]
    public async Task Enrolment_beyond_capacity_goes_to_the_waiting_list_in_order_and_says_where()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 2);
        var people = await PeopleAsync(4);

        var results = new List<Enrol.Result>();
        foreach (var person in people) results.Add(await EnrolAsync(session, person));

        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { "enrolled", "enrolled", "waiting", "waiting" }));
        Assert.That(results.Select(r => r.Position), Is.EqualTo(new[] { 0, 0, 1, 2 }));
        Assert.That(results[3].PersonName, Does.StartWith("Trainee 04"));

        var again = await EnrolAsync(session, people[2]);
        Assert.That(again is { WasAlready: true, Status: "waiting", Position: 1 });

        var details = await World.SendAsAsync(World.Organiser, new GetSession.Query(session));
        Assert.That(details!.Waiting.Select(w => w.Id), Is.EqualTo(new[] { people[2], people[3] }));
        Assert.That(details.Waiting.Select(w => w.Position), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Withdrawing_a_place_moves_the_first_on_the_waiting_list_up_and_reminds_them()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 1);
        var (first, second, third) = await ThreePeopleAsync();
        await EnrolAsync(session, first);
        await EnrolAsync(session, second);
        await EnrolAsync(session, third);
        Assert.That(await RemindersAsync(session, second), Is.Empty, "someone waiting is not reminded");

        var result = await World.SendAsAsync(World.Organiser, new Withdraw.Command(session, first));

        Assert.That(result.MovedUp, Has.Count.EqualTo(1));
        Assert.That(await EnrolmentStatusAsync(session, first), Is.EqualTo("withdrawn"));
        Assert.That(await EnrolmentStatusAsync(session, second), Is.EqualTo("enrolled"));
        Assert.That(await EnrolmentStatusAsync(session, third), Is.EqualTo("waiting"));
        Assert.That((await RemindersAsync(session, first)).Values.Select(r => r.Status), Is.EqualTo(new[] { "cancelled", "cancelled" }));
        Assert.That((await RemindersAsync(session, second)).Values.Select(r => r.Status), Is.EqualTo(new[] { "pending", "pending" }));
        var details = await World.SendAsAsync(World.Organiser, new GetSession.Query(session));
        Assert.That(details!.Waiting.Single() is { Position: 1 } w && w.Id == third);
    }

    [Test]
    public async Task Raising_the_capacity_moves_waiting_people_up_in_order()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 1);
        var people = await PeopleAsync(4);
        foreach (var person in people) await EnrolAsync(session, person);

        var edit = NewSession(DaysAhead(10), World.TeamA, capacity: 3);
        edit.Id = session;
        var result = await World.SendAsAsync(World.Organiser, edit);

        Assert.That(result.MovedUp, Is.EqualTo(2));
        Assert.That(await EnrolmentStatusAsync(session, people[1]), Is.EqualTo("enrolled"));
        Assert.That(await EnrolmentStatusAsync(session, people[2]), Is.EqualTo("enrolled"));
        Assert.That(await EnrolmentStatusAsync(session, people[3]), Is.EqualTo("waiting"));
        Assert.That(await RemindersAsync(session, people[2]), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task The_capacity_cannot_drop_below_the_places_taken()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 3);
        foreach (var person in await PeopleAsync(3)) await EnrolAsync(session, person);

        var edit = NewSession(DaysAhead(10), World.TeamA, capacity: 2);
        edit.Id = session;
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Organiser, edit));

        Assert.That(error!.Errors.Single().Field, Is.EqualTo("Capacity"));
        Assert.That(error.Errors.Single().Message, Does.Contain("3 people hold places"));
    }

    [Test]
    public async Task Enrolling_schedules_reminders_two_days_and_two_hours_before_and_moving_the_session_moves_them()
    {
        var session = await ScheduleTeamASessionAsync(days: 10);
        var person = (await PeopleAsync(1))[0];
        await EnrolAsync(session, person);
        var start = await StartsAtAsync(session);

        var reminders = await RemindersAsync(session, person);
        Assert.That(reminders.Keys, Is.EquivalentTo(new[] { "2d", "2h" }));
        Assert.That(reminders["2d"].DueAt, Is.EqualTo(Db(start.AddDays(-2))));
        Assert.That(reminders["2h"].DueAt, Is.EqualTo(Db(start.AddHours(-2))));
        Assert.That(reminders.Values.Select(r => r.Status), Is.All.EqualTo("pending"));
        Assert.That(reminders["2d"].Subject, Does.StartWith("Training: One-to-ones on ").And.EndWith("at 18:30"));
        Assert.That(reminders["2d"].Body, Does.Contain("Community Centre"));

        var moved = NewSession(DaysAhead(12), World.TeamA, place: "St Mary's Hall");
        moved.StartTime = new TimeOnly(19, 0);
        moved.EndTime = new TimeOnly(21, 0);
        moved.Id = session;
        await World.SendAsAsync(World.Organiser, moved);

        var newStart = await StartsAtAsync(session);
        Assert.That(newStart, Is.EqualTo(start.AddDays(2).AddMinutes(30)).Within(TimeSpan.FromHours(1)), "two days later, half an hour later (give or take a clock change)");
        var after = await RemindersAsync(session, person);
        Assert.That(after.Keys, Is.EquivalentTo(new[] { "2d", "2h" }), "moved, not added");
        Assert.That(after["2d"].DueAt, Is.EqualTo(Db(newStart.AddDays(-2))));
        Assert.That(after["2h"].DueAt, Is.EqualTo(Db(newStart.AddHours(-2))));
        Assert.That(after["2h"].Body, Does.Contain("St Mary's Hall"));
        Assert.That(after.Values.Select(r => r.Status), Is.All.EqualTo("pending"));
    }

    [Test]
    public async Task Cancelling_a_session_cancels_every_reminder_and_refuses_new_enrolments()
    {
        var session = await ScheduleTeamASessionAsync(capacity: 2);
        var people = await PeopleAsync(3);
        foreach (var person in people) await EnrolAsync(session, person);
        var other = await ScheduleTeamASessionAsync();
        await EnrolAsync(other, people[0]);

        await World.SendAsAsync(World.Organiser, new CancelSession.Command { SessionId = session });

        foreach (var person in people.Take(2))
            Assert.That((await RemindersAsync(session, person)).Values.Select(r => r.Status), Is.EqualTo(new[] { "cancelled", "cancelled" }));
        Assert.That((await RemindersAsync(other, people[0])).Values.Select(r => r.Status), Is.All.EqualTo("pending"), "another session's reminders stay");
        var latecomer = (await PeopleAsync(1))[0];
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => EnrolAsync(session, latecomer));
        Assert.That(refused!.Message, Does.Contain("cancelled"));
    }

    [Test]
    public async Task Attendance_is_refused_for_a_session_in_the_future()
    {
        var session = await ScheduleTeamASessionAsync();
        var person = (await PeopleAsync(1))[0];
        await EnrolAsync(session, person);

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = session, Attended = [person] }));

        Assert.That(error!.Message, Does.Contain("has not started yet"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_completion WHERE person_id = @p", new { p = person.ToString() }), Is.EqualTo(0));
    }

    [Test]
    public async Task Attending_records_a_completion_keeping_the_earliest_and_unmarking_removes_it()
    {
        var (person, absent, _) = await ThreePeopleAsync();
        var early = await ScheduleTeamASessionAsync();
        var late = await ScheduleTeamASessionAsync();
        foreach (var s in new[] { early, late }) { await EnrolAsync(s, person); await EnrolAsync(s, absent); }
        var now = World.Clock.GetUtcNow();
        await MoveSessionInTableAsync(early, now.AddDays(-20));
        await MoveSessionInTableAsync(late, now.AddDays(-3));

        var marked = await World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = late, Attended = [person] });
        Assert.That(marked, Is.EqualTo(new MarkAttendance.Result(1, 1)));
        Assert.That(await CompletionAsync(person), Is.EqualTo((Db(now.AddDays(-3)), late.ToString())));
        Assert.That(await CompletionAsync(absent), Is.Null);

        await World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = early, Attended = [person] });
        Assert.That(await CompletionAsync(person), Is.EqualTo((Db(now.AddDays(-20)), early.ToString())), "the earliest is kept");
        await World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = late, Attended = [person] });
        Assert.That(await CompletionAsync(person), Is.EqualTo((Db(now.AddDays(-20)), early.ToString())), "a later session does not replace it");

        await World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = early, Attended = [] });
        Assert.That(await CompletionAsync(person), Is.EqualTo((Db(now.AddDays(-3)), late.ToString())), "the other session they attended takes over");
        await World.SendAsAsync(World.Organiser, new MarkAttendance.Command { SessionId = late, Attended = [] });
        Assert.That(await CompletionAsync(person), Is.Null);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_enrolment WHERE person_id = @p AND attended = 0", new { p = person.ToString() }), Is.EqualTo(2));
    }

    [Test]
    public async Task A_leader_manages_their_teams_sessions_only()
    {
        var teamB = await ScheduleAsync(World.Organiser, NewSession(DaysAhead(4), World.TeamB));
        var open = await ScheduleAsync(World.Organiser, NewSession(DaysAhead(4), null));
        var person = await World.AddPersonAsync(Unique("Trainee B"), World.NetworkB); // in team B's network: its leader may enrol them

        foreach (var session in new[] { teamB, open })
        {
            await Assert.ThrowsAsync<SessionNotFoundException>(() => EnrolAsync(session, person, World.Leader));
            await Assert.ThrowsAsync<SessionNotFoundException>(() => World.SendAsAsync(World.Leader, new CancelSession.Command { SessionId = session }));
            var details = await World.SendAsAsync(World.Leader, new GetSession.Query(session));
            Assert.That(details!.CanManage, Is.False);
            Assert.That(await World.SendAsAsync(World.Leader, new PrintSignInSheet.Query(session)), Is.Null);
        }
        Assert.That((await EnrolAsync(teamB, person, World.OtherLeader)).Status, Is.EqualTo("enrolled"));
    }

    [Test]
    public async Task A_volunteer_enrols_themselves_on_any_session_but_sees_no_one_elses_name()
    {
        var session = await ScheduleAsync(World.Organiser, NewSession(DaysAhead(6), World.TeamB, capacity: 1));
        var stranger = (await PeopleAsync(1))[0];
        await EnrolAsync(session, stranger);

        var mine = await World.SendAsAsync(World.Volunteer, new Enrol.Command(session, null));

        Assert.That(mine is { Status: "waiting", Position: 1 });
        Assert.That(mine.PersonName, Is.EqualTo("Val Volunteer"));
        var details = await World.SendAsAsync(World.Volunteer, new GetSession.Query(session, "Trainee"));
        Assert.That(details!.MyStatus, Is.EqualTo("waiting"));
        Assert.That(details.MyWaitingPosition, Is.EqualTo(1));
        Assert.That(details.EnrolledCount, Is.EqualTo(1));
        Assert.That(details.Enrolled, Is.Empty);
        Assert.That(details.Waiting, Is.Empty);
        Assert.That(details.Matches, Is.Null);
        await Assert.ThrowsAsync<SessionNotFoundException>(() => EnrolAsync(session, World.PersonOfUser(World.OtherVolunteer), World.Volunteer));

        await World.SendAsAsync(World.Volunteer, new Withdraw.Command(session, null));
        Assert.That(await EnrolmentStatusAsync(session, World.PersonOfUser(World.Volunteer)), Is.EqualTo("withdrawn"));
    }

    [Test]
    public async Task The_calendar_holds_the_sessions_a_person_has_a_place_on_only()
    {
        var (person, other, _) = await ThreePeopleAsync();
        var enrolled = await ScheduleTeamASessionAsync(days: 5);
        var waiting = await ScheduleTeamASessionAsync(capacity: 1, days: 6);
        var cancelled = await ScheduleTeamASessionAsync(days: 7);
        var withdrawn = await ScheduleTeamASessionAsync(days: 8);
        var later = await ScheduleTeamASessionAsync(days: 80);
        await EnrolAsync(enrolled, person);
        await EnrolAsync(waiting, other);
        await EnrolAsync(waiting, person);
        await EnrolAsync(cancelled, person);
        await EnrolAsync(withdrawn, person);
        await EnrolAsync(later, person);
        await World.SendAsAsync(World.Organiser, new CancelSession.Command { SessionId = cancelled });
        await World.SendAsAsync(World.Organiser, new Withdraw.Command(withdrawn, person));

        var now = World.Clock.GetUtcNow();
        var events = await World.AsAsync(World.Organiser, async (_, services) =>
            await services.GetServices<ICalendarSource>().OfType<TrainingCalendar>().Single()
                .EventsAsync(new CalendarOwner(World.Organiser.Id, person), now, now.AddDays(30), CancellationToken.None));

        var e = events.Single();
        Assert.That(e.Uid, Is.EqualTo($"teams.session.{enrolled}"));
        Assert.That(e.Title, Is.EqualTo("Training: One-to-ones"));
        Assert.That(e.Start, Is.EqualTo(await StartsAtAsync(enrolled)));
        Assert.That(e.End, Is.EqualTo(e.Start.AddHours(2)));
        Assert.That(e.Location, Is.EqualTo("Community Centre"));
        Assert.That(e.Url, Is.EqualTo($"/Teams/Training/Sessions/{enrolled}"));
        Assert.That(e.Category, Is.EqualTo("Training"));

        var nobody = await World.AsAsync(World.Organiser, async (_, services) =>
            await services.GetServices<ICalendarSource>().OfType<TrainingCalendar>().Single()
                .EventsAsync(new CalendarOwner(World.Organiser.Id, null), now, now.AddDays(30), CancellationToken.None));
        Assert.That(nobody, Is.Empty);
    }

    private async Task<(Guid, Guid, Guid)> ThreePeopleAsync()
    {
        var people = await PeopleAsync(3);
        return (people[0], people[1], people[2]);
    }

    private async Task<(string, string)?> CompletionAsync(Guid person)
    {
        await using var db = World.App.OpenDatabase();
        var row = await db.QuerySingleOrDefaultAsync<(string CompletedAt, string SessionId)?>(
            "SELECT completed_at, session_id FROM teams_completion WHERE person_id = @p AND module_id = @m", new { p = person.ToString(), m = OneToOnes.ToString() });
        return row is { } r ? (r.CompletedAt, r.SessionId) : null;
    }
}
