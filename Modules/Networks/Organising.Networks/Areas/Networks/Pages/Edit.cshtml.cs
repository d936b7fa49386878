using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages;

[Authorize(Policy = NetworksCapabilities.ManageNetworks)]
public sealed class EditModel(ISender sender) : NetworkFormModel
{
    public GetNetwork.Details Network { get; private set; } = null!;
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Networks/Details/{Network.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetwork.Query(id), ct) is not { } network) return NotFound();
        Network = network;
        Input = new SaveNetwork.Command
        {
            Id = id, Name = network.Name, Kind = network.Kind, Description = network.Description, PostcodeDistricts = network.PostcodeDistricts,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetwork.Query(id), ct) is not { } network) return NotFound();
        Network = network;
        Input.Id = id;
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash("Changes saved.");
        return Redirect($"/Networks/Details/{id}");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetwork.Query(id), ct) is null) return NotFound();
        await sender.Send(new ArchiveNetwork.Command { NetworkId = id, Archive = false }, ct);
        TempData.Flash("The network is current again.");
        return Redirect($"/Networks/Details/{id}");
    }
}
