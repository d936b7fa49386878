using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

[Authorize(Policy = TeamsCapabilities.EditCurriculum)]
public sealed class EditModel(ISender sender) : ModuleFormModel(sender)
{
    public override string SubmitLabel => "Save changes";

    public bool IsArchived { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await Sender.Send(new GetModule.Query(id), ct) is not { } module) return NotFound();
        Input = new SaveModule.Command { Id = id, Name = module.Name, Description = module.Description, Position = module.Position, IsCore = module.IsCore };
        IsArchived = module.ArchivedAt is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        if (!(await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            if (await Sender.Send(new GetModule.Query(id), ct) is not { } module) return NotFound();
            IsArchived = module.ArchivedAt is not null;
            return Page();
        }
        TempData.Flash("Changes saved.");
        return Redirect("/Teams/Training/Curriculum");
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        try { await Sender.Send(new ArchiveModule.Command { ModuleId = id, Archive = false }, ct); }
        catch (ValidationFailedException) { return NotFound(); }
        TempData.Flash("The module is current again.");
        return Redirect("/Teams/Training/Curriculum");
    }
}
