using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

[Authorize(Policy = TeamsCapabilities.RecordOneToOnes)]
public sealed class IndexModel(ISender sender, OrganisationSettingsCache settings, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Team { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    // From the query string: in Razor Pages the route value "page" is the page's own name.
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindOneToOnes.Result Result { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Team is not null || Mine;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["q"] = Q, ["team"] = Team?.ToString(), ["mine"] = Mine ? "true" : null,
    };

    public string CsvLink => new PagerModel(1, 1, "/Teams/OneToOnes", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        _zone = (await settings.GetAsync(ct)).TimeZone;
        Result = await sender.Send(BuildQuery(Paging.DefaultPageSize), ct);
    }

    /// <summary>Every matching row; the notes' columns are filled only for the rows whose notes the user may read.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        _zone = (await settings.GetAsync(ct)).TimeZone;
        var all = await sender.Send(BuildQuery(null), ct);
        return CsvExport.File("one-to-ones",
            ["Held by", "Met", "When", "Team", "Follow-up date", "Notes included", "Where", "Their story", "Self-interest", "Talents", "Leads", "Next ask"],
            all.OneToOnes.Items.Select(o => (IReadOnlyList<string?>)
            [
                o.HeldByName, o.MetName, Local(o.MetAt, "yyyy-MM-dd HH:mm"), o.TeamName, o.FollowUpOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                o.CanSeeNotes ? "yes" : "no",
                o.CanSeeNotes ? o.Place : null, o.CanSeeNotes ? o.Story : null, o.CanSeeNotes ? o.SelfInterest : null,
                o.CanSeeNotes ? o.Talents : null, o.CanSeeNotes ? o.Leads : null, o.CanSeeNotes ? o.NextAsk : null,
            ]),
            time);
    }

    public string Local(DateTimeOffset utc, string format = "d MMM yyyy HH:mm") =>
        TimeZoneInfo.ConvertTime(utc, _zone).ToString(format, CultureInfo.GetCultureInfo("en-GB"));

    private FindOneToOnes.Query BuildQuery(int? pageSize)
    {
        // Typed-in values that cannot be read (a malformed team id) are ignored, with a word.
        if (!ModelState.IsValid) FilterWarning = "Some filters could not be read and were ignored.";
        (var search, SearchError) = SearchBox.Read(Q);
        return new FindOneToOnes.Query(search, Team, Mine, Paging.ClampPage(PageNumber), pageSize);
    }
}
