using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>Organisers edit any campaign; a Leader those of the teams they lead. Anyone else gets "not found".</summary>
[Authorize(Policy = ListeningCapabilities.ManageCampaigns)]
public sealed class EditModel(ISender sender) : CampaignFormModel(sender)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Listening/Campaigns/Details/{Form.Campaign!.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(id, ct)) return NotFound();
        var c = Form.Campaign!;
        Input = new SaveCampaign.Command
        {
            Id = id, Name = c.Name, Purpose = c.Purpose, TeamId = c.TeamId, NetworkIds = c.NetworkIds.ToList(),
            StartsOn = CampaignDates.Parse(c.StartsOn), EndsOn = CampaignDates.Parse(c.EndsOn), TargetConversations = c.TargetConversations, Status = c.Status,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash("Changes saved.");
            return Redirect($"/Listening/Campaigns/Details/{id}");
        }
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == SaveCampaign.NoSuchCampaign)) return NotFound();
        return await LoadFormAsync(id, ct) ? Page() : NotFound();
    }
}
