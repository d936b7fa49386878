using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

[Authorize(Policy = NetworksCapabilities.ViewInstitutions)]
public sealed class DetailsModel(ISender sender, IAuthorizationService authorization) : PageModel
{
    public GetInstitution.Details Institution { get; private set; } = null!;
    public bool CanEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetInstitution.Query(id), ct) is not { } institution) return NotFound();
        Institution = institution;
        CanEdit = (await authorization.AuthorizeAsync(User, NetworksCapabilities.EditInstitutions)).Succeeded;
        return Page();
    }
}
