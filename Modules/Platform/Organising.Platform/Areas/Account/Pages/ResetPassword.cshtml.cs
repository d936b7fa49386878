using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

[AllowAnonymous]
public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty] public ResetPassword.Command Input { get; set; } = new();

    public void OnGet(Guid? user, string? token)
    {
        Input.UserId = user ?? Guid.Empty;
        Input.Token = token ?? "";
        if (user is null || string.IsNullOrEmpty(token))
        {
            ModelState.AddModelError("", Account.Pages.ResetPassword.InvalidLink);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash("Your password has been changed. Sign in with the new one.");
        return Redirect("/Account/Login");
    }
}
