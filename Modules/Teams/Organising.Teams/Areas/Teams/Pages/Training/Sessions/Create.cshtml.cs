using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

[Authorize(Policy = TeamsCapabilities.ManageTraining)]
public sealed class CreateModel(ISender sender) : SessionFormModel(sender)
{
    public override string SubmitLabel => "Schedule the session";
    public override string CancelUrl => "/Teams/Training";

    /// <summary>A module's or team's page can start the form with it chosen.</summary>
    public async Task OnGetAsync(Guid? module, Guid? team, CancellationToken ct)
    {
        await LoadFormAsync(null, ct);
        Input.ModuleId = module;
        Input.TeamId = team ?? (Form.Teams.Count == 1 && !Form.MayChooseNoTeam ? Form.Teams[0].Id : null);
        Input.StartTime = new TimeOnly(18, 30);
        Input.EndTime = new TimeOnly(20, 30);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash("Session scheduled.");
            return Redirect($"/Teams/Training/Sessions/{sent.Value.Id}");
        }
        await LoadFormAsync(null, ct);
        return Page();
    }
}
