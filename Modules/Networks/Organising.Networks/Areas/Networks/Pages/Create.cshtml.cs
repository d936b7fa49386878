using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages;

[Authorize(Policy = NetworksCapabilities.ManageNetworks)]
public sealed class CreateModel(ISender sender) : NetworkFormModel
{
    public override string SubmitLabel => "Create the network";
    public override string CancelUrl => "/Networks";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        TempData.Flash($"Network “{Input.Name.Trim()}” created.");
        return Redirect($"/Networks/Details/{sent.Value}");
    }
}
