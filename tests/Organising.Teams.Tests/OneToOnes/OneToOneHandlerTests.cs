using Organising.Platform.Pipeline;
using Organising.Teams.Areas.Teams.Pages.OneToOnes;
using static Organising.Teams.Tests.OneToOnes.OneToOneTestKit;

namespace Organising.Teams.Tests.OneToOnes;

/// <summary>Recording, editing and deleting one-to-ones through the handlers, on the real database.</summary>
public sealed class OneToOneHandlerTests : WorldFixture
{
    private static string Prefix(Guid id) => $"teams.one-to-one.{id:D}.";

    private async Task<string[]> FieldErrorsAsync(AppWorld.User user, SaveOneToOne.Command command)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(user, command));
        return ex!.Errors.Select(e => $"{e.Field}: {e.Message}").ToArray();
    }

    [Test]
    public async Task A_leader_records_a_one_to_one_they_held_and_the_follow_up_schedules_a_reminder_to_them_at_nine()
    {
        var met = await World.AddPersonAsync("Amal Hassan", World.NetworkA);
        var followUp = Today(World).AddDays(7);

        var id = await World.SendAsAsync(World.Leader, Command(World, World.TeamA, met, followUp));

        var leaderPerson = World.PersonOfUser(World.Leader);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND held_by = @heldBy AND recorded_by = @user AND team_id = @team AND follow_up_on = @on",
            new { id = id.ToString(), heldBy = leaderPerson.ToString(), user = World.Leader.Id.ToString(), team = World.TeamA.ToString(), on = Iso(followUp) }), Is.EqualTo(1));
        var reminders = await World.RemindersAsync(Prefix(id));
        Assert.That(reminders, Has.Count.EqualTo(1));
        Assert.That(reminders[0].BaseKey, Is.EqualTo($"teams.one-to-one.{id:D}.follow-up"));
        Assert.That(reminders[0].Key, Does.StartWith($"teams.one-to-one.{id:D}.follow-up"));
        Assert.That(reminders[0].DueAt, Is.EqualTo(NineAm(followUp)));
        Assert.That(reminders[0].Status, Is.EqualTo("pending"));
        Assert.That(reminders[0].PersonId, Is.EqualTo(leaderPerson.ToString()));
        Assert.That(reminders[0].Subject, Is.EqualTo("Follow up with Amal Hassan"));
        Assert.That(reminders[0].Body, Does.Contain("Come to the house meeting"));
        Assert.That(reminders[0].Body, Does.Not.Contain("diabetes"), "the story stays out of the e-mail");
    }

    [Test]
    public async Task Changing_the_follow_up_date_moves_the_reminder_and_clearing_it_cancels_it()
    {
        var met = await World.AddPersonAddedByAsync(World.Volunteer, "Bilal Khan", World.NetworkA);
        var command = Command(World, World.TeamA, met, Today(World).AddDays(3));
        var id = await World.SendAsAsync(World.Volunteer, command);

        command.Id = id;
        command.FollowUpOn = Today(World).AddDays(10);
        await World.SendAsAsync(World.Volunteer, command);
        var moved = await World.RemindersAsync(Prefix(id));
        Assert.That(moved, Has.Count.EqualTo(1), "the same reminder moved, not a second one");
        Assert.That(moved[0].DueAt, Is.EqualTo(NineAm(Today(World).AddDays(10))));
        Assert.That(moved[0].Status, Is.EqualTo("pending"));

        command.FollowUpOn = null;
        await World.SendAsAsync(World.Volunteer, command);
        var cleared = await World.RemindersAsync(Prefix(id));
        Assert.That(cleared.Select(r => r.Status), Is.EqualTo(new[] { "cancelled" }));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND follow_up_on IS NULL", new { id = id.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task Deleting_a_one_to_one_removes_it_and_cancels_its_reminder()
    {
        var met = await World.AddPersonAsync("Chloe Brown", World.NetworkA);
        var id = await World.SendAsAsync(World.Leader, Command(World, World.TeamA, met, Today(World).AddDays(5)));

        await World.SendAsAsync(World.Leader, new DeleteOneToOne.Command { Id = id });

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id", new { id = id.ToString() }), Is.Zero);
        Assert.That((await World.RemindersAsync(Prefix(id))).Select(r => r.Status), Is.EqualTo(new[] { "cancelled" }));
    }

    [Test]
    public async Task An_organiser_may_say_a_team_member_held_it_and_the_reminder_goes_to_that_member()
    {
        var met = await World.AddPersonAsync("Dev Patel", World.NetworkB);
        var holder = World.PersonOfUser(World.OtherVolunteer);
        var command = Command(World, World.TeamB, met, Today(World).AddDays(2));
        command.HeldBy = holder;

        var id = await World.SendAsAsync(World.Organiser, command);

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND held_by = @holder AND recorded_by = @organiser",
            new { id = id.ToString(), holder = holder.ToString(), organiser = World.Organiser.Id.ToString() }), Is.EqualTo(1));
        Assert.That((await World.RemindersAsync(Prefix(id))).Single().PersonId, Is.EqualTo(holder.ToString()));
    }

    [Test]
    public async Task An_organiser_cannot_name_someone_outside_the_team_as_holder()
    {
        var met = await World.AddPersonAsync("Ella Jones", World.NetworkB);
        var command = Command(World, World.TeamB, met);
        command.HeldBy = World.PersonOfUser(World.Volunteer); // a member of team A, not B

        var errors = await FieldErrorsAsync(World.Organiser, command);

        Assert.That(errors, Does.Contain("HeldBy: Choose a member of the chosen team, or yourself."));
    }

    [Test]
    public async Task A_volunteer_cannot_record_for_a_team_they_are_not_in_nor_name_another_holder()
    {
        var met = await World.AddPersonAddedByAsync(World.Volunteer, "Finn Murphy", World.NetworkB);
        var refused = await FieldErrorsAsync(World.Volunteer, Command(World, World.TeamB, met));
        Assert.That(refused, Does.Contain("TeamId: Choose one of your teams from the list."));

        var command = Command(World, World.TeamA, met);
        command.HeldBy = World.PersonOfUser(World.Leader);
        var id = await World.SendAsAsync(World.Volunteer, command);
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND held_by = @own",
            new { id = id.ToString(), own = World.PersonOfUser(World.Volunteer).ToString() }), Is.EqualTo(1), "a volunteer holds their own one-to-ones");
    }

    [Test]
    public async Task Missing_person_past_follow_up_and_future_meeting_are_refused_with_messages()
    {
        var met = await World.AddPersonAsync("Gina Rossi", World.NetworkA);

        var noPerson = Command(World, World.TeamA, met);
        noPerson.MetPersonId = null;
        Assert.That(await FieldErrorsAsync(World.Leader, noPerson), Does.Contain("MetPersonId: Choose the person you met: search for them by name, then choose them."));

        var pastFollowUp = Command(World, World.TeamA, met, Today(World).AddDays(-1));
        Assert.That(await FieldErrorsAsync(World.Leader, pastFollowUp),
            Does.Contain("FollowUpOn: The follow-up date cannot be in the past: choose today or a later date, or leave it empty."));

        var future = Command(World, World.TeamA, met);
        future.MetAt = Today(World).AddDays(1).ToDateTime(new TimeOnly(9, 0));
        Assert.That(await FieldErrorsAsync(World.Leader, future), Does.Contain("MetAt: The meeting cannot be in the future: enter when it took place."));

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE met_person_id = @met", new { met = met.ToString() }), Is.Zero);
    }

    [Test]
    public async Task A_follow_up_today_and_a_meeting_earlier_today_are_accepted()
    {
        var met = await World.AddPersonAsync("Hana Sato", World.NetworkA);
        var command = Command(World, World.TeamA, met, Today(World));
        command.MetAt = Today(World).ToDateTime(new TimeOnly(0, 5));

        var id = await World.SendAsAsync(World.Leader, command);

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id", new { id = id.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_audit_log_records_the_changes_without_the_notes()
    {
        var met = await World.AddPersonAsync("Ivan Petrov", World.NetworkA);
        var command = Command(World, World.TeamA, met, story: "A secret story about his kidney failure");
        var id = await World.SendAsAsync(World.Leader, command);
        command.Id = id;
        command.Story = "Another secret story about dialysis";
        await World.SendAsAsync(World.Leader, command);

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE subject_id = @id AND kind = 'teams.one-to-one-recorded'", new { id = id.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE subject_id = @id AND kind = 'teams.one-to-one-edited' AND summary = 'One-to-one edited: story.'",
            new { id = id.ToString() }), Is.EqualTo(1));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE summary LIKE '%secret%' OR summary LIKE '%dialysis%' OR summary LIKE '%kidney%'"), Is.Zero);
    }

    [Test]
    public async Task The_leader_of_another_team_can_neither_edit_nor_delete_it()
    {
        var met = await World.AddPersonAsync("Jack Wilson", World.NetworkA);
        var command = Command(World, World.TeamA, met, Today(World).AddDays(4));
        var id = await World.SendAsAsync(World.Leader, command);

        command.Id = id;
        command.Story = "Overwritten";
        var edit = await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.OtherLeader, command));
        Assert.That(edit!.Message, Is.EqualTo("That one-to-one no longer exists."));
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.OtherLeader, new DeleteOneToOne.Command { Id = id }));
        // A volunteer of the same team may see it happened but not change it.
        await Assert.ThrowsAsync<ValidationFailedException>(async () => await World.SendAsAsync(World.Volunteer, new DeleteOneToOne.Command { Id = id }));

        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND story = @story", new { id = id.ToString(), story = "Grew up on the estate; her mother's diabetes." }), Is.EqualTo(1), "the story is not overwritten");
        Assert.That((await World.RemindersAsync(Prefix(id))).Single().Status, Is.EqualTo("pending"));
    }

    [Test]
    public async Task The_team_leader_may_edit_a_volunteers_one_to_one_and_the_holder_stays_the_volunteer()
    {
        var met = await World.AddPersonAddedByAsync(World.Volunteer, "Kemi Adeyemi", World.NetworkA);
        var command = Command(World, World.TeamA, met, Today(World).AddDays(6));
        var id = await World.SendAsAsync(World.Volunteer, command);

        command.Id = id;
        command.NextAsk = "Chair the next meeting";
        await World.SendAsAsync(World.Leader, command);

        var volunteer = World.PersonOfUser(World.Volunteer).ToString();
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_one_to_one WHERE id = @id AND held_by = @volunteer AND next_ask = 'Chair the next meeting'",
            new { id = id.ToString(), volunteer }), Is.EqualTo(1));
        var reminder = (await World.RemindersAsync(Prefix(id))).Single();
        Assert.That(reminder.PersonId, Is.EqualTo(volunteer));
        Assert.That(reminder.Body, Does.Contain("Chair the next meeting"));
    }
}
