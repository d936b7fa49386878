using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

[Authorize(Policy = NetworksCapabilities.EditInstitutions)]
public sealed class CreateModel(ISender sender) : InstitutionFormModel(sender)
{
    public override string SubmitLabel => "Add the institution";
    public override string CancelUrl => "/Networks/Institutions";

    /// <summary>A network's page can start the form with that network ticked.</summary>
    public async Task OnGetAsync(Guid? network, CancellationToken ct)
    {
        Input.Type = "";
        if (network is { } networkId) Input.NetworkIds = [networkId];
        await LoadFormAsync(null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash($"Institution “{Input.Name.Trim()}” added.");
            return Redirect($"/Networks/Institutions/Details/{sent.Value}");
        }
        await LoadFormAsync(null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostFindContactAsync(CancellationToken ct)
    {
        await LoadFormAsync(null, ct, search: true);
        return Page();
    }
}
