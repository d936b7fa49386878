using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Listening.Issues;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>Edits a candidate's title and problem; anyone who does not manage its campaign gets "not found".</summary>
[Authorize(Policy = ListeningCapabilities.CutIssues)]
public sealed class EditModel(ISender sender) : CandidateFormModel(sender)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Listening/Candidates/Details/{Form.Candidate!.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(null, id, [], ct)) return NotFound();
        var candidate = Form.Candidate!;
        Input = new SaveCandidate.Command { Id = id, CampaignId = candidate.CampaignId, Title = candidate.Title, Problem = candidate.Problem };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        Input.RaisedIds = [];
        if ((await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            TempData.Flash("Changes saved.");
            return Redirect($"/Listening/Candidates/Details/{id}");
        }
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == CandidateAccess.NotFound)) return NotFound();
        return await LoadFormAsync(null, id, [], ct) ? Page() : NotFound();
    }
}
