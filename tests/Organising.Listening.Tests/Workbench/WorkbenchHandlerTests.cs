using Organising.Listening.Areas.Listening.Pages.Candidates;
using Organising.Listening.Contracts;
using Organising.Listening.Issues;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Tests.Workbench;

/// <summary>The workbench's commands and the agenda's query on the real database, as each role and team.</summary>
public sealed class WorkbenchHandlerTests : WorkbenchFixture
{
    private Task<SaveCandidate.Saved> CreateAsync(AppWorld.User user, Guid campaign, IReadOnlyList<Guid> raised, string? title = null) =>
        World.SendAsAsync(user, new SaveCandidate.Command { CampaignId = campaign, Title = title ?? Unique("Saturday opening"), RaisedIds = raised.ToList() });

    [Test]
    public async Task A_leader_cuts_a_candidate_from_their_campaigns_rows_but_not_from_another_campaigns()
    {
        var heard = await World.HearAsync();
        var saved = await CreateAsync(World.Leader, World.CampaignA, [heard.Raised1, heard.Raised2]);
        Assert.That(saved.Created, Is.True);
        Assert.That(await World.LinkCountAsync(saved.Id), Is.EqualTo(2));
        Assert.That(await World.StatusOfAsync(saved.Id), Is.EqualTo("candidate"));
        Assert.That(await World.AuditCountAsync("listening.candidate-created", saved.Id), Is.EqualTo(1));

        var eventB = await World.AddEventAsync(World.CampaignB);
        var rowB = await World.AddRaisedAsync(eventB, "Diabetes clinic letters arrive late", "Communication and interpreting");

        var create = await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(World.Organiser, World.CampaignA, [heard.Raised3, rowB]));
        Assert.That(create!.Errors.Single().Field, Is.EqualTo("RaisedIds"));
        Assert.That(create.Errors.Single().Message, Does.Contain("Only issues raised in this candidate's own campaign"));

        var link = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            World.SendAsAsync(World.Organiser, new LinkRaised.Command { CandidateId = saved.Id, RaisedIds = [heard.Raised3, rowB] }));
        Assert.That(link!.Errors.Single().Message, Does.Contain("Only issues raised in this candidate's own campaign"));
        Assert.That(await World.LinkCountAsync(saved.Id), Is.EqualTo(2), "nothing of a refused link is kept");

        Assert.That(await World.SendAsAsync(World.Leader, new LinkRaised.Command { CandidateId = saved.Id, RaisedIds = [heard.Raised3, heard.Raised1] }), Is.EqualTo(1));
        Assert.That(await World.LinkCountAsync(saved.Id), Is.EqualTo(3));
        await World.SendAsAsync(World.Leader, new UnlinkRaised.Command { CandidateId = saved.Id, RaisedId = heard.Raised1 });
        Assert.That(await World.LinkCountAsync(saved.Id), Is.EqualTo(2));
    }

    [Test]
    public async Task A_leader_of_one_team_and_volunteers_cannot_touch_another_teams_candidates()
    {
        var eventB = await World.AddEventAsync(World.CampaignB);
        var rowB = await World.AddRaisedAsync(eventB, "Foot checks are missed", "Long-term conditions");
        var candidateB = await World.AddCandidateAsync(World.CampaignB, Unique("Foot checks at every visit"), [rowB]);

        await Assert.ThrowsAsync<ValidationFailedException>(() => CreateAsync(World.Leader, World.CampaignB, [rowB]));
        foreach (var user in new[] { World.Leader, World.Volunteer, World.OtherVolunteer, World.Observer })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user,
                new ChangeCandidateStatus.Command { CandidateId = candidateB, Status = "prioritised" }), user.Name);
            Assert.That(refused!.Errors.Single().Message, Is.EqualTo(CandidateAccess.NotFound));
            await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(user, new DeleteCandidate.Command { CandidateId = candidateB }), user.Name);
            Assert.That(await World.SendAsAsync(user, new GetCandidate.Query(candidateB)), Is.Null, user.Name);
        }
        Assert.That(await World.StatusOfAsync(candidateB), Is.EqualTo("candidate"));
        Assert.That(await World.SendAsAsync(World.OtherLeader, new GetCandidate.Query(candidateB)), Is.Not.Null);
        Assert.That(Recorder.Prioritised(candidateB), Is.Empty);
    }

    [Test]
    public async Task Scores_are_whole_numbers_from_1_to_5_and_a_refusal_saves_nothing()
    {
        var candidate = await World.AddCandidateAsync(World.CampaignA, Unique("Interpreters at the surgery"), []);
        var total = await World.SendAsAsync(World.Leader, new ScoreCandidate.Command
        {
            CandidateId = candidate,
            Criteria = [new() { Criterion = "specific", Score = "4", Note = "One surgery, one hour." }, new() { Criterion = "winnable", Score = " 5 " }],
        });
        Assert.That(total, Is.EqualTo(9));

        foreach (var bad in new[] { "0", "6", "-1", "3.5", "lots", "1e1" })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => World.SendAsAsync(World.Leader, new ScoreCandidate.Command
            {
                CandidateId = candidate,
                Criteria = [new() { Criterion = "specific", Score = "1" }, new() { Criterion = "timeframe", Score = bad }],
            }), bad);
            Assert.That(refused!.Errors.Single().Field, Is.EqualTo("Criteria[1].Score"), bad);
            Assert.That(refused.Errors.Single().Message, Does.StartWith("Score “Timeframe” with a whole number from 1 (not at all) to 5 (fully)"), bad);
        }
        Assert.That(await World.CountAsync("SELECT COALESCE(SUM(score), 0) FROM listening_candidate_score WHERE candidate_id = @id", new { id = candidate.ToString() }),
            Is.EqualTo(9), "the refused scores changed nothing");

        Assert.That(await World.SendAsAsync(World.Leader, new ScoreCandidate.Command
        {
            CandidateId = candidate, Criteria = [new() { Criterion = "specific", Score = "" }],
        }), Is.EqualTo(5), "a blank score clears that criterion");
    }

    [Test]
    public async Task A_vote_per_institution_or_team_is_replaced_when_recorded_again_and_can_be_removed()
    {
        var candidate = await World.AddCandidateAsync(World.CampaignA, Unique("Evening clinic"), []);
        var mosque = await World.AddInstitutionAsync(Unique("Northfield mosque"));
        var prospect = await World.AddInstitutionAsync(Unique("Prospect school"), "prospect");

        await World.SendAsAsync(World.Leader, new RecordVote.Command { CandidateId = candidate, Voter = $"institution:{mosque}", Points = "7" });
        await World.SendAsAsync(World.Leader, new RecordVote.Command { CandidateId = candidate, Voter = $"institution:{mosque}", Points = "9" });
        await World.SendAsAsync(World.Leader, new RecordVote.Command { CandidateId = candidate, Voter = $"team:{World.TeamB}", Points = "0" });
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_vote WHERE candidate_id = @id", new { id = candidate.ToString() }), Is.EqualTo(2));
        Assert.That(await World.CountAsync("SELECT SUM(points) FROM listening_vote WHERE candidate_id = @id", new { id = candidate.ToString() }), Is.EqualTo(9));

        foreach (var (voter, points, field) in new[]
                 {
                     ($"institution:{mosque}", "11", "Points"), ($"institution:{mosque}", "-2", "Points"), ($"institution:{mosque}", "many", "Points"),
                     ($"institution:{prospect}", "3", "Voter"), ($"team:{Guid.NewGuid()}", "3", "Voter"), ("someone", "3", "Voter"),
                 })
        {
            var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                World.SendAsAsync(World.Leader, new RecordVote.Command { CandidateId = candidate, Voter = voter, Points = points }), $"{voter} {points}");
            Assert.That(refused!.Errors.Select(e => e.Field), Is.EqualTo(new[] { field }), $"{voter} {points}");
        }

        await World.SendAsAsync(World.Leader, new RemoveVote.Command { CandidateId = candidate, Voter = $"team:{World.TeamB}" });
        Assert.That(await World.CountAsync("SELECT COUNT(*) FROM listening_vote WHERE candidate_id = @id", new { id = candidate.ToString() }), Is.EqualTo(1));
        var other = await World.AddCandidateAsync(World.CampaignB, Unique("B's issue"), []);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            World.SendAsAsync(World.Leader, new RecordVote.Command { CandidateId = other, Voter = $"institution:{mosque}", Points = "5" }));
    }

    [Test]
    public async Task Prioritising_puts_it_on_the_agenda_and_tells_research_what_it_rests_on()
    {
        var heard = await World.HearAsync();
        var title = Unique("A Saturday walk-in hour");
        var saved = await CreateAsync(World.Leader, World.CampaignA, [heard.Raised1, heard.Raised2], title);

        await World.SendAsAsync(World.Leader, new ChangeCandidateStatus.Command { CandidateId = saved.Id, Status = "prioritised" });
        Assert.That(await World.StatusOfAsync(saved.Id), Is.EqualTo("prioritised"));
        Assert.That(await World.AuditCountAsync("listening.candidate-status", saved.Id), Is.EqualTo(1));
        var first = Recorder.Prioritised(saved.Id).Single();
        Assert.That(first.Title, Is.EqualTo(title));
        Assert.That(first.StoryCount, Is.EqualTo(2));
        Assert.That(first.PeopleCount, Is.EqualTo(8), "two issues raised at one meeting of 8 count its people once");
        Assert.That(first.ThemeIds, Is.EquivalentTo(new[] { World.Themes["Access and waiting"], World.Themes["Communication and interpreting"] }));

        // Linking the stall's issue raised changes the lineage: Research hears again.
        await World.SendAsAsync(World.Leader, new LinkRaised.Command { CandidateId = saved.Id, RaisedIds = [heard.Raised3] });
        var second = Recorder.Prioritised(saved.Id).Last();
        Assert.That(Recorder.Prioritised(saved.Id), Has.Count.EqualTo(2));
        Assert.That((second.StoryCount, second.PeopleCount, second.ThemeIds.Count), Is.EqualTo((3, 11, 3)));

        var onAgenda = (await World.SendAsAsync(World.Observer, new GetPeoplesAgenda())).Single(i => i.Id == saved.Id);
        Assert.That((onAgenda.StoryCount, onAgenda.ConversationCount, onAgenda.PeopleCount, onAgenda.NetworkCount), Is.EqualTo((3, 2, 11, 2)));
        Assert.That(onAgenda.ThemeIds, Is.EquivalentTo(second.ThemeIds));

        await World.SendAsAsync(World.Leader, new UnlinkRaised.Command { CandidateId = saved.Id, RaisedId = heard.Raised1 });
        Assert.That(Recorder.Prioritised(saved.Id).Last().StoryCount, Is.EqualTo(2));

        await World.SendAsAsync(World.Leader, new ChangeCandidateStatus.Command { CandidateId = saved.Id, Status = "set-aside" });
        Assert.That(Recorder.Deprioritised(saved.Id), Has.Count.EqualTo(1));
        Assert.That((await World.SendAsAsync(World.Observer, new GetPeoplesAgenda())).Select(i => i.Id), Does.Not.Contain(saved.Id));

        // Linking to a candidate that is not on the agenda tells nobody.
        var before = Recorder.Events.Count;
        await World.SendAsAsync(World.Leader, new LinkRaised.Command { CandidateId = saved.Id, RaisedIds = [heard.Raised1] });
        Assert.That(Recorder.Events, Has.Count.EqualTo(before));

        await World.SendAsAsync(World.Leader, new ChangeCandidateStatus.Command { CandidateId = saved.Id, Status = "prioritised" });
        await World.SendAsAsync(World.Leader, new DeleteCandidate.Command { CandidateId = saved.Id });
        Assert.That(Recorder.Deprioritised(saved.Id), Has.Count.EqualTo(2));
        Assert.That(await World.StatusOfAsync(saved.Id), Is.Null);
    }

    [Test]
    public async Task The_agenda_is_ordered_by_points_then_by_when_each_was_prioritised()
    {
        var team = await World.AddInstitutionAsync(Unique("Church"));
        var early = await World.AddCandidateAsync(World.CampaignA, Unique("Early, no points"), []);
        await World.SendAsAsync(World.Organiser, new ChangeCandidateStatus.Command { CandidateId = early, Status = "prioritised" });
        World.Clock.Advance(TimeSpan.FromMinutes(5));
        var late = await World.AddCandidateAsync(World.CampaignA, Unique("Late, no points"), []);
        await World.SendAsAsync(World.Organiser, new ChangeCandidateStatus.Command { CandidateId = late, Status = "prioritised" });
        var voted = await World.AddCandidateAsync(World.CampaignB, Unique("Voted for"), []);
        await World.SendAsAsync(World.Organiser, new RecordVote.Command { CandidateId = voted, Voter = $"institution:{team}", Points = "10" });
        await World.SendAsAsync(World.Organiser, new ChangeCandidateStatus.Command { CandidateId = voted, Status = "prioritised" });

        var order = (await World.SendAsAsync(World.Leader, new GetPeoplesAgenda())).Select(i => i.Id).Where(id => id == early || id == late || id == voted).ToList();
        Assert.That(order, Is.EqualTo(new[] { voted, early, late }));
    }
}
