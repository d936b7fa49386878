using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Networks.Import;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>Choose people or institutions, download the template, upload the file. The preview comes next.</summary>
[Authorize(Policy = NetworksCapabilities.Import)]
// Files a little over the 10 MB limit still reach the page, so the refusal is a message rather than a bare 413.
[RequestSizeLimit(RequestLimit)]
[RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
public sealed class IndexModel(ISender sender, TimeProvider time) : PageModel
{
    private const long RequestLimit = 64L * 1024 * 1024;

    [BindProperty] public string Kind { get; set; } = ImportKinds.People;
    [BindProperty] public IFormFile? Upload { get; set; }

    public void OnGet(string? kind)
    {
        if (kind is not null && ImportKinds.All.Contains(kind)) Kind = kind;
    }

    public IActionResult OnGetTemplate(string? kind)
    {
        var chosen = kind is not null && ImportKinds.All.Contains(kind) ? kind : ImportKinds.People;
        return CsvExport.File($"{chosen}-import-template", ImportRunner.ColumnsFor(chosen).Select(c => c.Heading).ToList(), [], time);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ImportKinds.All.Contains(Kind)) ModelState.AddModelError(nameof(Kind), "Choose whether the file holds people or institutions.");
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), Upload is null ? "Choose a CSV file to upload." : ImportCsv.Empty);
        else if (Upload.Length > ImportCsv.MaxBytes) ModelState.AddModelError(nameof(Upload), ImportCsv.TooBig);
        if (!ModelState.IsValid) return Page();

        byte[] content;
        using (var buffer = new MemoryStream((int)Upload!.Length))
        {
            await Upload.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
        }
        var sent = await sender.SendValidatedAsync(new UploadImport.Command(Kind, Upload.FileName, content), ModelState, ct, prefix: "");
        if (!sent.Succeeded) return Page();
        return Redirect($"/Networks/Import/Preview/{sent.Value}");
    }

    public static IReadOnlyList<(string Heading, bool Required)> Columns(string kind) =>
        ImportRunner.ColumnsFor(kind).Select(c => (c.Heading, c.Required)).ToList();
}
