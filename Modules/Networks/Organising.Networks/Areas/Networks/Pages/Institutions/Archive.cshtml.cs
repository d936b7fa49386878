using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>The confirmation step before archiving an institution.</summary>
[Authorize(Policy = NetworksCapabilities.EditInstitutions)]
public sealed class ArchiveModel(ISender sender) : PageModel
{
    public GetInstitution.Details Institution { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetInstitution.Query(id), ct) is not { } institution) return NotFound();
        Institution = institution;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ArchiveInstitution.Command { InstitutionId = id, Archive = true }, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("The institution is archived.");
        return Redirect("/Networks/Institutions");
    }
}
