using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

using Organising.Listening.Events;

namespace Organising.Listening.Areas.Listening.Pages.Heard;

/// <summary>
/// /Listening/Heard?campaign={id}: everything heard in a campaign that the user may see, paged and searchable, with a CSV
/// without personal data for everyone who may see the page and, after an explicit choice, one with personal data for
/// Organisers (audited). Observers get "not found": their numbers are on the tallies.
/// </summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "campaign")] public Guid? Campaign { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Show { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindHeard.Result Result { get; private set; } = null!;
    public bool CanExportPersonal { get; private set; }
    public string? SearchError { get; private set; }
    public string? PersonalError { get; private set; }

    public string ShowList => Show == FindHeard.Stories ? FindHeard.Stories : FindHeard.Raised;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["campaign"] = Campaign?.ToString(), ["q"] = Q, ["show"] = ShowList == FindHeard.Stories ? FindHeard.Stories : null,
    };

    public string CsvLink => new PagerModel(1, 1, "/Listening/Heard", new Dictionary<string, string?> { ["campaign"] = Campaign?.ToString(), ["q"] = Q, ["handler"] = "Csv" })
        .LinkTo(1).Replace("&page=1", "");

    public string LinkTo(string show) => new PagerModel(1, 1, "/Listening/Heard", new Dictionary<string, string?>
        { ["campaign"] = Campaign?.ToString(), ["q"] = Q, ["show"] = show == FindHeard.Stories ? show : null }).LinkTo(1).Replace("&page=1", "");

    public ValueTask<string> DateAsync(DateTimeOffset at) => localTime.FormatAsync(at, "d MMM yyyy");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>The CSV without personal data: no teller, and a story's text only when it may be published.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (Campaign is null) return NotFound();
        var (search, _) = SearchBox.Read(Q);
        if (await sender.Send(new FindHeard.Query(Campaign.Value, search, FindHeard.Raised, 1, null), ct) is not { } all) return NotFound();
        return await CsvAsync(all);
    }

    /// <summary>The CSV with personal data, only after ticking the box that says so.</summary>
    public async Task<IActionResult> OnPostCsvAsync(bool confirmPersonal, CancellationToken ct)
    {
        if (Campaign is null) return NotFound();
        if (!confirmPersonal)
        {
            PersonalError = "Tick the box to confirm you need tellers' names and stories not for sharing, or download the CSV without personal data.";
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        var (search, _) = SearchBox.Read(Q);
        FindHeard.Result? all;
        try
        {
            all = await sender.Send(new FindHeard.ExportWithPersonalData(Campaign.Value, search), ct);
        }
        catch (ValidationFailedException)
        {
            return Forbid();
        }
        return all is null ? NotFound() : await CsvAsync(all);
    }

    private async Task<IActionResult> CsvAsync(FindHeard.Result all)
    {
        var personal = all.IncludesPersonalData;
        List<string> header = ["What", "Text", "Themes", "Consent", "Event type", "Date", "Network"];
        if (personal) header.Add("Teller");
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var r in all.Raised.Items)
        {
            List<string?> row = ["Issue raised", r.Text, string.Join("; ", r.Themes), "", EventTypes.Describe(r.Type), await DateAsync(r.HeldAt), r.NetworkName];
            if (personal) row.Add("");
            rows.Add(row);
        }
        foreach (var s in all.Stories.Items)
        {
            var text = personal || s.Consent == StoryConsents.Public ? s.Text : FindHeard.NotShared;
            List<string?> row = [HeardKinds.Describe(s.Kind), text, "", StoryConsents.Describe(s.Consent), EventTypes.Describe(s.Type), await DateAsync(s.HeldAt), s.NetworkName];
            if (personal) row.Add(s.TellerName ?? s.TellerLabel);
            rows.Add(row);
        }
        return CsvExport.File(personal ? "everything-heard-personal-data" : "everything-heard", header, rows, time);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (Campaign is null) return false;
        (var search, SearchError) = SearchBox.Read(Q);
        if (await sender.Send(new FindHeard.Query(Campaign.Value, search, ShowList, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct) is not { } result) return false;
        Result = result;
        CanExportPersonal = (await authorization.AuthorizeAsync(User, ListeningCapabilities.ExportPersonalData)).Succeeded;
        return true;
    }
}
