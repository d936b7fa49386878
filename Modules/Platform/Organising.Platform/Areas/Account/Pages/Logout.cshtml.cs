using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

/// <summary>Signing out is a POST (with antiforgery), so a link on another site cannot sign anyone out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(ISender sender) : PageModel
{
    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? Page() : Redirect("/Account/Login");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new SignOut.Command(), ct);
        TempData.Flash("You have signed out.", FlashKind.Info);
        return Redirect("/Account/Login");
    }
}

public static class SignOut
{
    public sealed class Command : ICommand<Unit>;

    internal sealed class Handler(Microsoft.AspNetCore.Identity.SignInManager<Identity.AppUser> signIn, Audit.AuditLog audit, Identity.ICurrentUser user)
        : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (user.Id is { } id)
            {
                await audit.WriteAsync(new Audit.AuditEntry(Audit.AuditKinds.SignOut, "user", id.ToString(), "Signed out."), ct);
            }
            await signIn.SignOutAsync();
            return Unit.Value;
        }
    }
}
