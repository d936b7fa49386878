using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;
using Organising.Teams.Ladders;

using Organising.Teams.Contracts;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>The confirmation step before deleting a rung.</summary>
[Authorize(Policy = TeamsCapabilities.EditCurriculum)]
public sealed class DeleteRungModel(ISender sender) : PageModel
{
    public LadderRung Rung { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetRung.Query(id), ct) is not { } rung) return NotFound();
        Rung = rung;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await sender.Send(new DeleteRung.Command { Id = id }, ct)) return NotFound();
        TempData.Flash("The rung is deleted.");
        return Redirect("/Teams/Ladders");
    }
}
