using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Completions;

[Authorize(Policy = TeamsCapabilities.ViewTraining)]
public sealed class IndexModel(ISender sender, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? PersonId { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindCompletions.Result Result { get; private set; } = null!;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["personId"] = PersonId?.ToString() };

    public string CsvLink => new PagerModel(1, 1, "/Teams/Training/Completions", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(new FindCompletions.Query(PersonId, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
        return Result.Refused ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new FindCompletions.Query(PersonId, 1, null), ct);
        if (all.Refused) return NotFound();
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var c in all.Completions.Items)
            rows.Add([c.PersonName, c.ModuleName, c.IsCore ? "core" : "optional", await localTime.FormatAsync(c.CompletedAt, "yyyy-MM-dd"), c.SessionId is null ? "recorded" : "attended a session"]);
        return CsvExport.File("training-completions", ["Person", "Module", "Core", "Completed on", "How"], rows, time);
    }
}
