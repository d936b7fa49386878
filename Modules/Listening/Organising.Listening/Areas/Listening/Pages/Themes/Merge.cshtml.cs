using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>
/// Merging a theme: choose the theme to merge it into (a GET form), read how many tags will move, then confirm (POST).
/// </summary>
[Authorize(Policy = ListeningCapabilities.ManageThemes)]
public sealed class MergeModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "into")] public Guid? Into { get; set; }

    public MergeTheme.PreviewResult Preview { get; private set; } = null!;
    public string? IntoError { get; private set; }

    public IEnumerable<SelectListItem> TargetOptions =>
        Preview.Others.Select(o => new SelectListItem(o.Name, o.Id.ToString(), o.Id == Into));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new MergeTheme.Preview(id, Into), ct) is not { } preview) return NotFound();
        Preview = preview;
        if (Into is not null && preview.Target is null)
            IntoError = Into == id ? "Choose a different theme: a theme cannot be merged into itself." : "Choose a theme from the list: that one no longer exists.";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            var merged = await sender.Send(new MergeTheme.Command { SourceId = id, TargetId = Into }, ct);
            TempData.Flash($"“{merged.SourceName}” merged into “{merged.TargetName}”: {merged.Tagged:N0} issues raised are now tagged “{merged.TargetName}”.");
            return Redirect("/Listening/Themes");
        }
        catch (ValidationFailedException ex)
        {
            if (await sender.Send(new MergeTheme.Preview(id, null), ct) is not { } preview) return NotFound();
            Preview = preview;
            IntoError = string.Join(" ", ex.Errors.Select(e => e.Message));
            Into = null;
            return Page();
        }
    }
}
