using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Host.Pages;

/// <summary>Shown for unhandled exceptions outside Development. The reference id is in the log line with the stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string ReferenceId { get; private set; } = "";

    public void OnGet() => Describe();
    public void OnPost() => Describe();

    private void Describe()
    {
        ReferenceId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
        var error = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (error is not null)
        {
            logger.LogError(error.Error, "Unhandled error on {Path}; reference {ReferenceId}", error.Path, ReferenceId);
        }
        Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
