using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

[Authorize(Policy = TeamsCapabilities.ManageTraining)]
public sealed class EditModel(ISender sender) : SessionFormModel(sender)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Teams/Training/Sessions/{Input.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(id, ct) || Form.Saved is null) return NotFound();
        Input = Form.Saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        try
        {
            var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
            if (sent.Succeeded)
            {
                TempData.Flash(sent.Value.MovedUp switch
                {
                    0 => "Changes saved. Everyone enrolled will be reminded at the new time.",
                    1 => "Changes saved. 1 person moved up from the waiting list.",
                    var n => $"Changes saved. {n} people moved up from the waiting list.",
                });
                return Redirect($"/Teams/Training/Sessions/{id}");
            }
        }
        catch (SessionNotFoundException)
        {
            return NotFound();
        }
        return await LoadFormAsync(id, ct) ? Page() : NotFound();
    }
}
