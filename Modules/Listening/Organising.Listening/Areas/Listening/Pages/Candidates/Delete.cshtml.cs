using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>The confirmation step before deleting a candidate issue (and taking it off the agenda, if it is on it).</summary>
[Authorize(Policy = ListeningCapabilities.CutIssues)]
public sealed class DeleteModel(ISender sender) : PageModel
{
    public GetCandidateForm.Form Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetCandidateForm.Query(null, id, []), ct) is not { } form) return NotFound();
        Form = form;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Guid campaignId;
        try
        {
            campaignId = await sender.Send(new DeleteCandidate.Command { CandidateId = id }, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("Candidate issue deleted.");
        return Redirect($"/Listening/Workbench/{campaignId}");
    }
}
