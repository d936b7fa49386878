using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Host.Pages;

/// <summary>The page for a bare status code (404, 400, 403...). The status code itself is kept.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int code) => Describe(code);
    public void OnPost(int code) => Describe(code);

    private void Describe(int code)
    {
        // Re-executed, the response already carries the status. Trust it over the bound route value: binding a
        // re-executed POST reads the original form again, and a form the framework refused (say, one holding
        // NUL characters) leaves code at 0, which showed "Something went wrong" on a 400.
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null;
        if (reExecuted) code = Response.StatusCode;
        (Title, Explanation) = code switch
        {
            404 => ("Page not found", "There is no page at this address. It may have moved, or the link may be mistyped."),
            400 => ("That request could not be used", "The form may have expired. Go back, reload the page and try again."),
            403 => ("Not allowed", "Your account does not have access to this page."),
            405 => ("Not allowed", "That action is not available here."),
            _ => ("Something went wrong", "Please try again."),
        };
        // Visited directly, this page is itself a 404.
        if (!reExecuted)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
