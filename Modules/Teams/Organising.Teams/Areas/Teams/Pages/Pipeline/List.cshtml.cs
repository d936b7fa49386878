using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

[Authorize(Policy = TeamsCapabilities.ViewTeams)]
public sealed class ListModel(ISender sender, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Stage { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindRecruits.Result Result { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Stage is not null;
    public string Path => $"/Teams/Pipeline/{Result.TeamId}/List";
    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["q"] = Q, ["stage"] = Stage };
    public string CsvLink => new PagerModel(1, 1, Path, Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(teamId, Paging.DefaultPageSize), ct) is not { } result) return NotFound();
        Result = result;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid teamId, CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(teamId, null), ct) is not { } all) return NotFound();
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var r in all.Recruits.Items)
            rows.Add([r.Name, PipelineStages.Describe(r.Stage), await localTime.FormatAsync(r.Since, "yyyy-MM-dd")]);
        return CsvExport.File("pipeline", ["Name", "Stage", "Since"], rows, time);
    }

    private FindRecruits.Query BuildQuery(Guid teamId, int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        if (Stage is not null && !PipelineStages.All.Contains(Stage)) { Stage = null; FilterWarning = "The stage filter could not be read and was ignored."; }
        return new FindRecruits.Query(teamId, search, Stage, Paging.ClampPage(PageNumber), pageSize);
    }
}
