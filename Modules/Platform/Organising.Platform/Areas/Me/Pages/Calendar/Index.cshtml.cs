using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Me.Pages.Calendar;

/// <summary>/Me/Calendar: the user's secret calendar feed address, and making a new one (after confirming) to revoke the old.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty] public CreateMyCalendarLink.Command Input { get; set; } = new();

    /// <summary>Shows the confirmation before replacing the link.</summary>
    [FromQuery(Name = "confirm")] public bool ConfirmReplace { get; set; }

    public GetMyCalendarLink.Result Link { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Link = await sender.Send(new GetMyCalendarLink.Query(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded)
        {
            // The one refusal is a link made meanwhile (another tab, a second click): show it, with why nothing changed.
            TempData.Flash(string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)), FlashKind.Warning);
            return RedirectToPage();
        }
        TempData.Flash(sent.Value.Replaced
            ? "Your new calendar link is ready. The old one no longer works: add this one to your calendar apps in its place."
            : "Your calendar link is ready. Add it to your calendar app as below.");
        return RedirectToPage();
    }
}
