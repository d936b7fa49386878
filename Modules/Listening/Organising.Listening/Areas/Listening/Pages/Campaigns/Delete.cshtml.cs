using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>The confirmation step before deleting a campaign and everything recorded in it.</summary>
[Authorize(Policy = ListeningCapabilities.ManageCampaigns)]
public sealed class DeleteModel(ISender sender) : PageModel
{
    public DeleteCampaign.Summary Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new DeleteCampaign.Query(id), ct) is not { } summary) return NotFound();
        Campaign = summary;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        DeleteCampaign.Deleted deleted;
        try
        {
            deleted = await sender.Send(new DeleteCampaign.Command { Id = id }, ct);
        }
        catch (ValidationFailedException ex)
        {
            if (ex.Errors.Any(e => e.Message == DeleteCampaign.NoSuchCampaign)) return NotFound();
            ModelState.AddFieldErrors(ex, "");
            return await OnGetAsync(id, ct);
        }
        TempData.Flash($"Listening campaign “{deleted.Name}” deleted, with everything recorded in it.");
        return Redirect("/Listening");
    }
}
