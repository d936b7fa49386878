using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>The confirmation step before archiving a network.</summary>
[Authorize(Policy = NetworksCapabilities.ManageNetworks)]
public sealed class ArchiveModel(ISender sender) : PageModel
{
    public GetNetwork.Details Network { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetwork.Query(id), ct) is not { } network) return NotFound();
        Network = network;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetwork.Query(id), ct) is not { } network) return NotFound();
        await sender.Send(new ArchiveNetwork.Command { NetworkId = id, Archive = true }, ct);
        TempData.Flash($"“{network.Name}” is archived.");
        return Redirect("/Networks");
    }
}
