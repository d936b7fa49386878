using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

[Authorize(Policy = TeamsCapabilities.EditCurriculum)]
public sealed class CreateModel(ISender sender) : ModuleFormModel(sender)
{
    public override string SubmitLabel => "Add the module";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var modules = await Sender.Send(new ListModules.Query(true), ct);
        Input.Position = modules.Count == 0 ? 1 : modules.Max(m => m.Position) + 1;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        if (!(await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash($"Module “{Input.Name.Trim()}” added.");
        return Redirect("/Teams/Training/Curriculum");
    }
}
