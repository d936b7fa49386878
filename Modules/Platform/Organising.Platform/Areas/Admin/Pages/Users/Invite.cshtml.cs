using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

[Authorize(Policy = Capabilities.InviteUsers)]
public sealed class InviteModel(ISender sender, ICurrentUser currentUser) : PageModel
{
    [BindProperty] public InviteUser.Command Input { get; set; } = new();

    public IEnumerable<SelectListItem> RoleOptions =>
        Capabilities.RolesGrantableBy(currentUser.Role ?? "").Select(r => new SelectListItem(Roles.Describe(r), r));

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash($"Invitation sent to {Input.Email.Trim()}.");
        return Redirect("/Admin/Users");
    }
}
