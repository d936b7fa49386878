using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages;

[Authorize(Policy = TeamsCapabilities.ViewTeams)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    // From the query string: in Razor Pages the route value "page" is the page's own name.
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindTeams.Result Result { get; private set; } = null!;
    public bool CanCreate { get; private set; }
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Status is not null;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["q"] = Q, ["status"] = Status };

    public string CsvLink => new PagerModel(1, 1, "/Teams", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(BuildQuery(Paging.DefaultPageSize), ct);
        CanCreate = (await authorization.AuthorizeAsync(User, TeamsCapabilities.CreateTeams)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(BuildQuery(null), ct);
        return CsvExport.File("teams", ["Team", "Status", "Network", "Members", .. PipelineStages.All.Select(PipelineStages.Describe)],
            all.Teams.Items.Select(t => (IReadOnlyList<string?>)
            [
                t.Name, TeamStatuses.Describe(t.Status), t.NetworkName, t.Members.ToString(), .. PipelineStages.All.Select(s => t.StageCount(s).ToString()),
            ]),
            time);
    }

    private FindTeams.Query BuildQuery(int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        if (Status is not null && !TeamStatuses.All.Contains(Status)) { Status = null; FilterWarning = "The status filter could not be read and was ignored."; }
        return new FindTeams.Query(search, Status, Paging.ClampPage(PageNumber), pageSize);
    }
}
