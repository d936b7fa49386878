using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages;

[Authorize(Policy = TeamsCapabilities.CreateTeams)]
public sealed class CreateModel(ISender sender) : TeamFormModel(sender)
{
    public override string SubmitLabel => "Create the team";
    public override string CancelUrl => "/Teams";

    /// <summary>A network's page can start the form with that network chosen.</summary>
    public async Task OnGetAsync(Guid? network, CancellationToken ct)
    {
        Input.NetworkId = network;
        await LoadFormAsync(null, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash($"Team “{sent.Value.Name}” created. Now add its members.");
            return Redirect($"/Teams/Details/{sent.Value.Id}");
        }
        await LoadFormAsync(null, ct);
        return Page();
    }
}
