using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;

namespace Organising.Host.Pages;

public sealed class IndexModel : PageModel
{
    public string DisplayName => User.FindFirstValue(AppClaimTypes.DisplayName) ?? "";
    public bool IsAdministrator => User.IsInRole(Roles.Administrator);
    public bool IsOrganiser => User.IsInRole(Roles.Organiser);

    public void OnGet() { }
}
