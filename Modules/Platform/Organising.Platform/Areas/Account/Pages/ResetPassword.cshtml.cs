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
        MoveLinkErrorsToForm();
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            MoveLinkErrorsToForm();
            return Page();
        }
        TempData.Flash("Your password has been changed. Sign in with the new one.");
        return Redirect("/Account/Login");
    }

    /// <summary>
    /// The link's user and token travel in hidden fields: a message beside them would be seen by nobody,
    /// so a malformed or over-long one becomes the form's "this link is invalid" message.
    /// </summary>
    private void MoveLinkErrorsToForm()
    {
        string[] linkFields = [$"{nameof(Input)}.{nameof(Input.UserId)}", $"{nameof(Input)}.{nameof(Input.Token)}"];
        if (!linkFields.Any(f => ModelState.TryGetValue(f, out var entry) && entry.Errors.Count > 0)) return;
        foreach (var field in linkFields) ModelState.Remove(field);
        if (ModelState.TryGetValue("", out var form) && form.Errors.Any(e => e.ErrorMessage == Account.Pages.ResetPassword.InvalidLink)) return;
        ModelState.AddModelError("", Account.Pages.ResetPassword.InvalidLink);
    }
}
