using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Duplicates;

/// <summary>Suggested duplicate pairs, each with its reasons and a link to compare and merge them.</summary>
[Authorize(Policy = NetworksCapabilities.MergeAndErase)]
public sealed class IndexModel(ISender sender, TimeProvider time, OrganisationTime localTime) : PageModel
{
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindDuplicates.Result Result { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await sender.Send(new FindDuplicates.Query(Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new FindDuplicates.Query(1, null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var pair in all.Pairs.Items)
        {
            rows.Add([
                string.Join("; ", pair.Reasons),
                pair.First.FullName, pair.First.Email, pair.First.Phone, pair.First.Postcode, await localTime.FormatAsync(pair.First.CreatedAt, "yyyy-MM-dd"),
                pair.Second.FullName, pair.Second.Email, pair.Second.Phone, pair.Second.Postcode, await localTime.FormatAsync(pair.Second.CreatedAt, "yyyy-MM-dd"),
            ]);
        }
        return CsvExport.File("possible-duplicates", [
            "Reasons", "First: full name", "First: e-mail", "First: phone", "First: postcode", "First: added",
            "Second: full name", "Second: e-mail", "Second: phone", "Second: postcode", "Second: added"], rows, time);
    }
}
