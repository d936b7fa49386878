using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Audit;

[Authorize(Policy = Capabilities.ViewAudit)]
public sealed class IndexModel(ISender sender, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public Guid? UserFilter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ListAudit.Result Result { get; private set; } = null!;
    public string? DateError { get; private set; }

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["user"] = UserFilter?.ToString(), ["kind"] = Kind, ["from"] = From?.ToString("yyyy-MM-dd"), ["to"] = To?.ToString("yyyy-MM-dd"),
    };

    public string CsvLink => new PagerModel(1, 1, "/Admin/Audit", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(await BuildQueryAsync(Paging.DefaultPageSize), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(await BuildQueryAsync(null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var e in all.Entries.Items)
        {
            rows.Add([await localTime.FormatAsync(e.OccurredAt, "yyyy-MM-dd HH:mm:ss"), e.UserName ?? "System", e.Kind, e.SubjectType, e.SubjectId, e.Summary]);
        }
        return CsvExport.File("audit", ["When", "Who", "Kind", "Subject type", "Subject id", "What"], rows, time);
    }

    private async Task<ListAudit.Query> BuildQueryAsync(int? pageSize)
    {
        // Typed-in values the binder could not read (a malformed date or user id) are ignored, with a word.
        if (!ModelState.IsValid) DateError = "Some filters could not be read and were ignored. Dates look like 2026-11-26.";
        if (Kind is { Length: > 100 }) Kind = null;
        if (!IsSensible(From) || !IsSensible(To))
        {
            DateError = "Dates must be between the years 1900 and 2999; those outside were ignored.";
            From = IsSensible(From) ? From : null;
            To = IsSensible(To) ? To : null;
        }
        if (From > To)
        {
            DateError = "The ‘From’ date is after the ‘To’ date, so the dates were swapped.";
            (From, To) = (To, From);
        }
        DateTimeOffset? fromUtc = From is { } f ? await localTime.StartOfLocalDayAsync(f) : null;
        DateTimeOffset? toUtc = To is { } t ? await localTime.StartOfLocalDayAsync(t.AddDays(1)) : null;
        return new ListAudit.Query(UserFilter, Kind, fromUtc, toUtc, Paging.ClampPage(PageNumber), pageSize);
    }

    private static bool IsSensible(DateOnly? date) => date is null || (date.Value.Year >= 1900 && date.Value.Year <= 2999);
}
