using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Platform.Areas.Account.Pages;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden;
}
