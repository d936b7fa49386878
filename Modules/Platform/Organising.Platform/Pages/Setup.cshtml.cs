using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Pages;

/// <summary>First run only: creates the first Administrator. Once anyone has an account this page is gone (404).</summary>
[AllowAnonymous]
public sealed class SetupModel(ISender sender, SetupState state) : PageModel
{
    [BindProperty] public CreateFirstAdministrator.Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) =>
        await state.HasUsersAsync(ct) ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await state.HasUsersAsync(ct)) return NotFound();
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash("Your Administrator account is ready. Start by setting your organisation's details.");
        return Redirect("/");
    }
}
