using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Listening.Issues;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>A new candidate issue in a campaign the user manages, cut from the issues raised ticked on the workbench.</summary>
[Authorize(Policy = ListeningCapabilities.CutIssues)]
public sealed class CreateModel(ISender sender) : CandidateFormModel(sender)
{
    public override string SubmitLabel => "Create the candidate issue";
    public override string CancelUrl => $"/Listening/Workbench/{Form.Campaign.Id}";

    public async Task<IActionResult> OnGetAsync(Guid campaign, List<Guid> raised, CancellationToken ct)
    {
        if (!await LoadFormAsync(campaign, null, raised, ct)) return NotFound();
        // Only rows of this campaign are carried into the form.
        Input = new SaveCandidate.Command { CampaignId = campaign, RaisedIds = Form.Raised.Select(r => r.Id).ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash($"Candidate issue “{sent.Value.Title}” created. Now score it against the winnable-issue criteria.");
            return Redirect($"/Listening/Candidates/Details/{sent.Value.Id}");
        }
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == CandidateAccess.NoCampaign)) return NotFound();
        return await LoadFormAsync(Input.CampaignId, null, Input.RaisedIds, ct) ? Page() : NotFound();
    }
}
