using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Listening.Events;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class IndexModel(ISender sender, OrganisationTime time, TimeProvider clock) : PageModel
{
    [FromQuery(Name = "campaign")] public Guid? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindEvents.Result Result { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }
    public IReadOnlyDictionary<Guid, string> When { get; private set; } = new Dictionary<Guid, string>();

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Type is not null;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["campaign"] = Campaign?.ToString(), ["q"] = Q, ["type"] = Type };

    public string CsvLink => new PagerModel(1, 1, "/Listening/Events", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(Paging.DefaultPageSize), ct) is not { } result) return NotFound();
        Result = result;
        var when = new Dictionary<Guid, string>();
        foreach (var row in result.Events.Items) when[row.Id] = await time.FormatAsync(row.HeldAt);
        When = when;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(null), ct) is not { } all) return NotFound();
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var e in all.Events.Items)
            rows.Add([await time.FormatAsync(e.HeldAt, "yyyy-MM-dd HH:mm"), EventTypes.Describe(e.Type), e.Place, e.NetworkName, e.Headcount.ToString(), e.Issues.ToString(), e.Stories.ToString()]);
        return CsvExport.File("listening-events", ["Held at", "Type", "Place", "Network", "Headcount", "Issues", "Stories, testimonies and quotes"], rows, clock);
    }

    private FindEvents.Query BuildQuery(int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        if (Type is not null && !EventTypes.All.Contains(Type)) { Type = null; FilterWarning = "The type filter could not be read and was ignored."; }
        return new FindEvents.Query(Campaign ?? Guid.Empty, search, Type, Paging.ClampPage(PageNumber), pageSize);
    }
}
