using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;
using Organising.Teams.Ladders;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

[Authorize(Policy = TeamsCapabilities.ViewLadders)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public GetLadders.Result Result { get; private set; } = null!;
    public bool CanEditRungs { get; private set; }
    public string? SearchError { get; private set; }

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["q"] = Q };

    public string CsvLink => new PagerModel(1, 1, "/Teams/Ladders", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (search, error) = SearchBox.Read(Q);
        SearchError = error;
        Result = await sender.Send(new GetLadders.Query(search, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
        CanEditRungs = (await authorization.AuthorizeAsync(User, TeamsCapabilities.EditCurriculum)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new GetLadders.Query(SearchBox.Read(Q).Text, 1, null), ct);
        return CsvExport.File("leadership-ladders", ["Name", "Teams", "Ladder", "Rung", "Rung number", "Rungs on the ladder"],
            all.People.Items.Select(p => (IReadOnlyList<string?>)
                [p.Name, p.Teams, LadderStandings.DescribeTrack(p.Track), p.Rung ?? "Not yet on the ladder", p.Position.ToString(), p.RungsOnTrack.ToString()]),
            time);
    }
}
