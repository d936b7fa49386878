using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Listening.Issues;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// A candidate issue: what it is cut from, its lineage, scores, votes and status. Its forms post here (scores, a vote,
/// taking a vote or an issue raised off, prioritising); anyone who does not manage its campaign gets "not found".
/// </summary>
[Authorize(Policy = ListeningCapabilities.CutIssues)]
public sealed class DetailsModel(ISender sender) : PageModel
{
    public GetCandidate.Details Candidate { get; private set; } = null!;

    [BindProperty] public ScoreCandidate.Command Scoring { get; set; } = new();
    [BindProperty] public RecordVote.Command Vote { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Scoring = new ScoreCandidate.Command
        {
            CandidateId = id,
            Criteria = Criteria.All.Select(c => new ScoreCandidate.Entry
            {
                Criterion = c.Key, Score = Candidate.ScoreOf(c.Key)?.Value.ToString(), Note = Candidate.ScoreOf(c.Key)?.Note,
            }).ToList(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostScoresAsync(Guid id, CancellationToken ct)
    {
        Scoring.CandidateId = id;
        var sent = await sender.SendValidatedAsync(Scoring, ModelState, ct, prefix: "Scoring");
        if (sent.Succeeded)
        {
            TempData.Flash($"Scores saved: {sent.Value} in all.");
            return Redirect($"/Listening/Candidates/Details/{id}#scores-heading");
        }
        return await RedisplayAsync(id, ct);
    }

    public async Task<IActionResult> OnPostVoteAsync(Guid id, CancellationToken ct)
    {
        Vote.CandidateId = id;
        var sent = await sender.SendValidatedAsync(Vote, ModelState, ct, prefix: "Vote");
        if (sent.Succeeded)
        {
            TempData.Flash($"Vote of {sent.Value} recorded.");
            return Redirect($"/Listening/Candidates/Details/{id}#votes-heading");
        }
        return await RedisplayAsync(id, ct);
    }

    public Task<IActionResult> OnPostRemoveVoteAsync(Guid id, string? voter, CancellationToken ct) =>
        SendRowAsync(id, new RemoveVote.Command { CandidateId = id, Voter = voter }, "Vote removed.", ct);

    public Task<IActionResult> OnPostUnlinkAsync(Guid id, Guid raisedId, CancellationToken ct) =>
        SendRowAsync(id, new UnlinkRaised.Command { CandidateId = id, RaisedId = raisedId }, "Issue raised taken off the candidate issue.", ct);

    public Task<IActionResult> OnPostStatusAsync(Guid id, string? status, CancellationToken ct) =>
        SendRowAsync(id, new ChangeCandidateStatus.Command { CandidateId = id, Status = status ?? "" }, status switch
        {
            CandidateStatuses.Prioritised => "Prioritised: it is on the people's agenda now.",
            CandidateStatuses.SetAside => "Set aside.",
            _ => "Back to a candidate issue.",
        }, ct);

    /// <summary>A small form's command: its refusals go to the top of the page; "not found" stays not found.</summary>
    private async Task<IActionResult> SendRowAsync<T>(Guid id, ICommand<T> command, string done, CancellationToken ct)
    {
        ModelState.Clear();
        try
        {
            await sender.Send(command, ct);
        }
        catch (ValidationFailedException ex)
        {
            if (ex.Errors.Any(e => e.Message == CandidateAccess.NotFound)) return NotFound();
            foreach (var error in ex.Errors) ModelState.AddModelError("", error.Message);
            return await RedisplayAsync(id, ct);
        }
        TempData.Flash(done);
        return Redirect($"/Listening/Candidates/Details/{id}");
    }

    private async Task<IActionResult> RedisplayAsync(Guid id, CancellationToken ct)
    {
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == CandidateAccess.NotFound)) return NotFound();
        if (!await LoadAsync(id, ct)) return NotFound();
        // The scores form always shows every criterion, with what was typed where there was something.
        if (Scoring.Criteria.Count != Criteria.All.Count)
            Scoring.Criteria = Criteria.All.Select(c => Scoring.Criteria.FirstOrDefault(e => e.Criterion == c.Key)
                ?? new ScoreCandidate.Entry { Criterion = c.Key, Score = Candidate.ScoreOf(c.Key)?.Value.ToString(), Note = Candidate.ScoreOf(c.Key)?.Note }).ToList();
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetCandidate.Query(id), ct) is not { } candidate) return false;
        Candidate = candidate;
        return true;
    }
}
