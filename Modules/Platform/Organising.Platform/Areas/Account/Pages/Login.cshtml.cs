using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

[AllowAnonymous]
public sealed class LoginModel(ISender sender) : PageModel
{
    [BindProperty] public SignIn.Command Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (User.Identity?.IsAuthenticated == true) return LocalRedirect(SafeReturnUrl);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        if (sent.Value is { } refusal)
        {
            ModelState.AddModelError("", refusal);
            return Page();
        }
        return LocalRedirect(SafeReturnUrl);
    }

    private string SafeReturnUrl => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
