using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>Organisers edit any team; a Leader the teams they lead. Anyone else gets "not found".</summary>
[Authorize(Policy = TeamsCapabilities.ManageTeams)]
public sealed class EditModel(ISender sender) : TeamFormModel(sender)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Teams/Details/{Form.Team!.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(id, ct)) return NotFound();
        var team = Form.Team!;
        Input = new SaveTeam.Command { Id = id, Name = team.Name, Purpose = team.Purpose, NetworkId = team.NetworkId, Status = team.Status };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        if ((await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            TempData.Flash("Changes saved.");
            return Redirect($"/Teams/Details/{id}");
        }
        return await LoadFormAsync(id, ct) ? Page() : NotFound();
    }
}
