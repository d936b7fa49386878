using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

/// <summary>The confirmation step before disabling an account.</summary>
[Authorize(Policy = Capabilities.ManageUsers)]
public sealed class DisableModel(ISender sender) : PageModel
{
    public GetUser.Details Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var details = await sender.Send(new GetUser.Query(id), ct);
        if (details is null) return NotFound();
        Details = details;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var details = await sender.Send(new GetUser.Query(id), ct);
        if (details is null) return NotFound();
        Details = details;
        if (!(await sender.SendValidatedAsync(new ChangeUserAccess.Disable { UserId = id }, ModelState, ct)).Succeeded) return Page();
        TempData.Flash($"{details.DisplayName}'s account is disabled.");
        return Redirect($"/Admin/Users/Edit/{id}");
    }
}
