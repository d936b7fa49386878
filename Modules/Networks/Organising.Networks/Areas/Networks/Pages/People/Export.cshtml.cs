using System.Text;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.PersonalData;
using Organising.Platform.Settings;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>A subject-access export: shown as a page, and downloadable as JSON or as a self-contained HTML page.</summary>
[Authorize(Policy = NetworksCapabilities.MergeAndErase)]
public sealed class ExportModel(ISender sender, OrganisationSettingsCache settings, OrganisationTime localTime) : PageModel
{
    public Guid PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public PersonalDataExport Export { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, "page", ct) ?? Page();

    public async Task<IActionResult> OnGetJsonAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, "JSON", ct) is { } refused) return refused;
        return File(Encoding.UTF8.GetBytes(Export.ToJson()), "application/json; charset=utf-8", $"personal-data-{id}.json");
    }

    public async Task<IActionResult> OnGetHtmlAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, "HTML", ct) is { } refused) return refused;
        var html = Export.ToHtml((await settings.GetAsync(ct)).Name, await localTime.FormatAsync(Export.GeneratedAt));
        return File(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8", $"personal-data-{id}.html");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string format, CancellationToken ct)
    {
        if (await sender.Send(new ExportPersonalData.Command(id, format), ct) is not { } result) return NotFound();
        if (result.MergedInto is { } survivor) return Redirect($"/Networks/People/{survivor}/Export");
        PersonId = id;
        Name = result.Name;
        Export = result.Export!;
        return null;
    }
}
