using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

/// <summary>The confirmation step before archiving a module.</summary>
[Authorize(Policy = TeamsCapabilities.EditCurriculum)]
public sealed class ArchiveModel(ISender sender) : PageModel
{
    public ListModules.Row Module { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetModule.Query(id), ct) is not { } module) return NotFound();
        Module = module;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try { await sender.Send(new ArchiveModule.Command { ModuleId = id, Archive = true }, ct); }
        catch (ValidationFailedException) { return NotFound(); }
        TempData.Flash("The module is archived.");
        return Redirect("/Teams/Training/Curriculum");
    }
}
