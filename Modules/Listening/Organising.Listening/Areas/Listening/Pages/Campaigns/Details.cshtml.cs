using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>The campaign hub. Anyone who may not see the campaign gets "not found".</summary>
[Authorize(Policy = ListeningCapabilities.ViewListening)]
public sealed class DetailsModel(ISender sender, OrganisationTime localTime) : PageModel
{
    public GetCampaign.Hub Campaign { get; private set; } = null!;

    /// <summary>Each recent event's date and time in the organisation's zone.</summary>
    public IReadOnlyDictionary<Guid, string> When { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetCampaign.Query(id), ct) is not { } campaign) return NotFound();
        Campaign = campaign;
        var when = new Dictionary<Guid, string>();
        foreach (var e in campaign.Recent) when[e.Id] = await localTime.FormatAsync(e.HeldAt, "d MMM yyyy HH:mm");
        When = when;
        return Page();
    }

}
