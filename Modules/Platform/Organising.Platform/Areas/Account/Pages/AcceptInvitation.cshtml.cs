using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

[AllowAnonymous]
public sealed class AcceptInvitationModel(ISender sender) : PageModel
{
    [BindProperty] public AcceptInvitation.Command Input { get; set; } = new();
    public AcceptInvitation.Invitation? Invitation { get; private set; }

    public async Task OnGetAsync(string? token, CancellationToken ct)
    {
        Input.Token = token ?? "";
        Invitation = await sender.Send(new AcceptInvitation.Query(Input.Token), ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Invitation = await sender.Send(new AcceptInvitation.Query(Input.Token), ct);
        if (Invitation is null || !ModelState.IsValid) return Page();
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            Invitation = await sender.Send(new AcceptInvitation.Query(Input.Token), ct);
            return Page();
        }
        TempData.Flash("Your account is ready. Welcome!");
        return Redirect("/");
    }
}
