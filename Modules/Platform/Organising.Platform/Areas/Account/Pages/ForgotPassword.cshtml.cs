using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

[AllowAnonymous]
public sealed class ForgotPasswordModel(ISender sender) : PageModel
{
    [BindProperty] public RequestPasswordReset.Command Input { get; set; } = new();
    public bool Sent { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        Sent = true;
        return Page();
    }
}
