using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Listening.Areas.Listening.Pages.Campaigns;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages;

[Authorize(Policy = ListeningCapabilities.ViewListening)]
public sealed class IndexModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    // From the query string: in Razor Pages the route value "page" is the page's own name.
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindCampaigns.Result Result { get; private set; } = null!;
    /// <summary>May start a campaign: Organisers, and Leaders of a team.</summary>
    public bool CanCreate => Result.MayStart;
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Status is not null;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["q"] = Q, ["status"] = Status };

    public string CsvLink => new PagerModel(1, 1, "/Listening", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(BuildQuery(Paging.DefaultPageSize), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(BuildQuery(null), ct);
        return CsvExport.File("listening-campaigns", ["Campaign", "Team", "Networks", "Starts on", "Ends on", "Conversations recorded", "Target", "Status"],
            all.Campaigns.Items.Select(c => (IReadOnlyList<string?>)
            [
                c.Name, c.TeamName, string.Join("; ", c.Networks), c.StartsOn, c.EndsOn, c.Conversations.ToString(), c.TargetConversations.ToString(),
                CampaignStatuses.Describe(c.Status),
            ]),
            time);
    }

    private FindCampaigns.Query BuildQuery(int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        if (Status is not null && !CampaignStatuses.All.Contains(Status)) { Status = null; FilterWarning = "The status filter could not be read and was ignored."; }
        return new FindCampaigns.Query(search, Status, Paging.ClampPage(PageNumber), pageSize);
    }
}
