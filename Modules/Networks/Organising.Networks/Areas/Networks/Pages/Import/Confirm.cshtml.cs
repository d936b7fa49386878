using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Networks.Import;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>Imports a previewed upload (POST only; a GET goes back to its preview).</summary>
[Authorize(Policy = NetworksCapabilities.Import)]
public sealed class ConfirmModel(ISender sender) : PageModel
{
    public IActionResult OnGet(Guid id) => Redirect($"/Networks/Import/Preview/{id}");

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await sender.Send(new ConfirmImport.Command(id), ct);
        if (!result.Found) return NotFound();
        if (!result.Confirmed)
        {
            TempData.Flash(result.ErrorRows > 0
                ? $"Nothing was imported: {result.ErrorRows:N0} {(result.ErrorRows == 1 ? "row has" : "rows have")} errors now. They are listed below."
                : "Nothing was imported: the file could not be read again. Upload it again.", FlashKind.Danger);
            return Redirect($"/Networks/Import/Preview/{id}");
        }
        var what = result.Kind == ImportKinds.Institutions ? "institutions" : "people";
        TempData.Flash($"Imported {what}: {result.Added:N0} added, {result.Updated:N0} updated, {result.Unchanged:N0} unchanged.");
        return Redirect(result.Kind == ImportKinds.Institutions ? "/Networks/Institutions" : "/Networks/People");
    }
}
