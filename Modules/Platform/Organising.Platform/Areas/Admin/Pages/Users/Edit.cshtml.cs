using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

[Authorize(Policy = Capabilities.ManageUsers)]
public sealed class EditModel(ISender sender) : PageModel
{
    [BindProperty] public ChangeUserAccess.ChangeRole Input { get; set; } = new();
    public GetUser.Details Details { get; private set; } = null!;

    public IEnumerable<SelectListItem> RoleOptions => Roles.All.Select(r => new SelectListItem(Roles.Describe(r), r));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.Role = Details.Role;
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Input.UserId = id;
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        TempData.Flash(sent.Value ? $"{Details.DisplayName} is now {Input.Role}." : "The role was already that; nothing changed.", sent.Value ? FlashKind.Success : FlashKind.Info);
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        await sender.Send(new ChangeUserAccess.Enable { UserId = id }, ct);
        TempData.Flash($"{Details.DisplayName} can sign in again.");
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await sender.Send(new GetUser.Query(id), ct);
        if (details is null) return false;
        Details = details;
        return true;
    }
}
