using Organising.Platform.Pipeline;
using Organising.Teams.Areas.Teams.Pages.Pipeline;
using static Organising.Teams.Tests.Support.TeamsCoreSeeds;

namespace Organising.Teams.Tests.Pipeline;

/// <summary>The recruitment pipeline's commands and queries: stages, history with dates and who, and who may change or see it.</summary>
public sealed class PipelineHandlerTests : WorldFixture
{
    private async Task<Guid> LeeTeamAsync()
    {
        var team = await World.AddTeamAsync(Unique("Pipeline team"), World.NetworkA);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Leader), "community-champion", leads: true);
        await World.AddMemberAsync(team, World.PersonOfUser(World.Volunteer));
        return team;
    }

    [Test]
    public async Task Moving_through_the_stages_records_each_step_with_its_date_and_who_and_notes_a_step_back()
    {
        var team = await LeeTeamAsync();
        var person = await World.AddPersonAsync("Amina Recruit", World.NetworkA);
        var recruit = await World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = team, PersonId = person });
        var added = World.Clock.GetUtcNow();

        World.Clock.Advance(TimeSpan.FromDays(3));
        var forward = await World.SendAsAsync(World.Leader, new MoveRecruit.Command { TeamId = team, RecruitId = recruit, Stage = "one-to-one" });
        Assert.That(forward.Backwards, Is.False);
        World.Clock.Advance(TimeSpan.FromDays(2));
        var back = await World.SendAsAsync(World.Organiser, new MoveRecruit.Command { TeamId = team, RecruitId = recruit, Stage = "contacted" });
        Assert.That(back.Backwards, Is.True);
        var same = await World.SendAsAsync(World.Leader, new MoveRecruit.Command { TeamId = team, RecruitId = recruit, Stage = "contacted" });
        Assert.That(same.Changed, Is.False);

        var history = await World.SendAsAsync(World.Volunteer, new GetRecruitHistory.Query(recruit));
        Assert.That(history, Is.Not.Null);
        Assert.That(history!.Name, Is.EqualTo("Amina Recruit"));
        Assert.That(history.Stage, Is.EqualTo("contacted"));
        // The test clock is real time plus an offset, so instants are compared to within a few seconds.
        var second = TimeSpan.FromSeconds(5);
        Assert.That(history.StageSince, Is.EqualTo(added.AddDays(5)).Within(second));
        Assert.That(history.Entries.Select(e => e.Stage), Is.EqualTo(new[] { "contacted", "one-to-one", "prospect" }), "most recent first, and a move to the same stage records nothing");
        Assert.That(history.Entries[0].EnteredAt, Is.EqualTo(added.AddDays(5)).Within(second));
        Assert.That(history.Entries[1].EnteredAt, Is.EqualTo(added.AddDays(3)).Within(second));
        Assert.That(history.Entries[2].EnteredAt, Is.EqualTo(added).Within(second));
        Assert.That(history.Entries.Select(e => e.RecordedByName), Is.EqualTo(new[] { "Olu Organiser", "Lee Leader", "Lee Leader" }));
        Assert.That(history.Entries[0].Note, Is.EqualTo("Moved back from One-to-one held."));
        Assert.That(history.Entries[1].Note, Is.Null);

        Assert.That(await World.AuditCountAsync("teams.recruit-added", recruit), Is.EqualTo(1));
        Assert.That(await World.AuditCountAsync("teams.recruit-moved", recruit), Is.EqualTo(2));
    }

    [Test]
    public async Task The_board_counts_and_names_the_people_at_each_stage()
    {
        var team = await LeeTeamAsync();
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Bola Prospect"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Cai Prospect"));
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Dev Trained"), "trained");
        await World.AddRecruitAsync(team, await World.AddPersonAsync("Eve Leader"), "leader");

        var board = await World.SendAsAsync(World.Volunteer, new GetBoard.Query(team));
        Assert.That(board, Is.Not.Null);
        Assert.That(board!.CanManage, Is.False);
        Assert.That(board.Columns.Select(c => c.Stage), Is.EqualTo(new[] { "prospect", "contacted", "one-to-one", "trained", "active", "leader" }));
        Assert.That(board.Columns.Select(c => c.Count), Is.EqualTo(new[] { 2, 0, 0, 1, 0, 1 }));
        Assert.That(board.Columns[0].People.Select(p => p.Name), Is.EquivalentTo(new[] { "Bola Prospect", "Cai Prospect" }));
        Assert.That(board.Columns[3].People.Single().Name, Is.EqualTo("Dev Trained"));
        Assert.That((await World.SendAsAsync(World.Leader, new GetBoard.Query(team)))!.CanManage, Is.True);
    }

    [Test]
    public async Task Only_those_who_manage_the_team_change_its_pipeline_and_only_members_see_it()
    {
        var team = await LeeTeamAsync();
        var person = await World.AddPersonAsync("Farah Prospect");
        var recruit = await World.AddRecruitAsync(team, person);
        var other = await World.AddPersonAsync("Gil Outsider");

        foreach (var user in new[] { World.OtherLeader, World.Volunteer, World.OtherVolunteer, World.Observer })
        {
            var move = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                World.SendAsAsync(user, new MoveRecruit.Command { TeamId = team, RecruitId = recruit, Stage = "leader" }));
            Assert.That(move!.Errors.Single().Message, Is.EqualTo(MoveRecruit.NoSuchRecruit), user.Role);
            await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user, new AddRecruit.Command { TeamId = team, PersonId = other }));
        }
        // A recruit of one team cannot be moved through another team's address.
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            World.SendAsAsync(World.OtherLeader, new MoveRecruit.Command { TeamId = World.TeamB, RecruitId = recruit, Stage = "leader" }));

        foreach (var user in new[] { World.OtherLeader, World.OtherVolunteer, World.Observer })
        {
            Assert.That(await World.SendAsAsync(user, new GetBoard.Query(team)), Is.Null, user.Role);
            Assert.That(await World.SendAsAsync(user, new FindRecruits.Query(team, null, null, 1, 50)), Is.Null, user.Role);
            Assert.That(await World.SendAsAsync(user, new GetRecruitHistory.Query(recruit)), Is.Null, user.Role);
        }
        Assert.That((await World.SendAsAsync(World.Organiser, new GetRecruitHistory.Query(recruit)))!.Stage, Is.EqualTo("prospect"));
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM teams_recruit_stage WHERE recruit_id = @r", new { r = recruit.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task Adding_someone_twice_or_at_an_unknown_stage_is_refused()
    {
        var team = await LeeTeamAsync();
        var person = await World.AddPersonAsync("Hana Twice", World.NetworkA);
        await World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = team, PersonId = person, Stage = "contacted" });
        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = team, PersonId = person }));
        Assert.That(twice!.Errors.Single().Message, Is.EqualTo("Hana Twice is already in this team's pipeline."));
        var stage = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = team, PersonId = person, Stage = "hero" }));
        Assert.That(stage!.Errors.Single().Message, Is.EqualTo("Choose one of the stages in the list."));
        await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new AddRecruit.Command { TeamId = team, PersonId = Guid.NewGuid() }));
        var board = await World.SendAsAsync(World.Leader, new GetBoard.Query(team));
        Assert.That(board!.Columns.Single(c => c.Stage == "contacted").People.Single().Name, Is.EqualTo("Hana Twice"));
    }

    [Test]
    public async Task The_list_searches_by_name_filters_by_stage_and_pages()
    {
        var team = await LeeTeamAsync();
        for (var i = 1; i <= 53; i++) await World.AddRecruitAsync(team, await World.AddPersonAsync($"Listed {i:00}"), i % 2 == 0 ? "contacted" : "prospect");

        var first = await World.SendAsAsync(World.Volunteer, new FindRecruits.Query(team, null, null, 1, 50));
        Assert.That(first!.Recruits.Total, Is.EqualTo(53));
        Assert.That(first.Recruits.Items, Has.Count.EqualTo(50));
        Assert.That(first.Recruits.Items[0].Name, Is.EqualTo("Listed 01"));
        var second = await World.SendAsAsync(World.Volunteer, new FindRecruits.Query(team, null, null, 2, 50));
        Assert.That(second!.Recruits.Items.Select(r => r.Name), Is.EqualTo(new[] { "Listed 51", "Listed 52", "Listed 53" }));

        var search = await World.SendAsAsync(World.Volunteer, new FindRecruits.Query(team, "LISTED 1", null, 1, 50));
        Assert.That(search!.Recruits.Items.Select(r => r.Name), Is.EqualTo(Enumerable.Range(10, 10).Select(i => $"Listed {i}")));
        var contacted = await World.SendAsAsync(World.Volunteer, new FindRecruits.Query(team, "listed 1", "contacted", 1, 50));
        Assert.That(contacted!.Recruits.Items.Select(r => r.Name), Is.EqualTo(new[] { "Listed 10", "Listed 12", "Listed 14", "Listed 16", "Listed 18" }));
        var all = await World.SendAsAsync(World.Volunteer, new FindRecruits.Query(team, null, null, 1, null));
        Assert.That(all!.Recruits.Items, Has.Count.EqualTo(53));
    }
}
