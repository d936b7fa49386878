using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>What each row of an upload would do, its problems, and the button to import it. Only the uploader may open it.</summary>
[Authorize(Policy = NetworksCapabilities.Import)]
public sealed class PreviewModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true)] public bool Errors { get; set; }

    public GetImportPreview.Result Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var preview = await sender.Send(new GetImportPreview.Query(id, Paging.ClampPage(PageNumber), Errors), ct);
        if (preview is null) return NotFound();
        Preview = preview;
        return Page();
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken ct)
    {
        if (!await sender.Send(new DiscardImport.Command(id), ct)) return NotFound();
        TempData.Flash("The upload was discarded; nothing was imported.", FlashKind.Info);
        return Redirect("/Networks/Import");
    }

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["errors"] = Errors ? "true" : null };
}
