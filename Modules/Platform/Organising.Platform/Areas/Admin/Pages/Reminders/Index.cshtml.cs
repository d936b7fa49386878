using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Reminders;

/// <summary>/Admin/Reminders: every reminder, filtered, with failed ones to retry and unsent ones to cancel.</summary>
[Authorize(Policy = Capabilities.ManageReminders)]
public sealed class IndexModel(ISender sender, ReminderKinds kinds, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ListReminders.Result Result { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public IReadOnlyCollection<ReminderKind> Kinds => kinds.All;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["status"] = Status, ["kind"] = Kind, ["q"] = Q };

    public string CsvLink => new PagerModel(1, 1, "/Admin/Reminders", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    /// <summary>Where a form on this page posts: its handler, keeping the filters and page to come back to.</summary>
    public string ActionLink(string handler) =>
        new PagerModel(1, 1, "/Admin/Reminders", Filters.Append(new("handler", handler)).ToDictionary()).LinkTo(Paging.ClampPage(PageNumber));

    public string CancelLink(Guid id) => new PagerModel(1, 1, $"/Admin/Reminders/Cancel/{id}", Filters).LinkTo(Paging.ClampPage(PageNumber));

    public string KindName(string id) => kinds.Find(id)?.Name ?? id;

    public async Task OnGetAsync(CancellationToken ct) => Result = await sender.Send(BuildQuery(Paging.DefaultPageSize), ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(BuildQuery(null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var r in all.Reminders.Items)
        {
            rows.Add([
                await localTime.FormatAsync(r.DueAt, "yyyy-MM-dd HH:mm"), r.Recipient, KindName(r.Kind), r.Subject, ListReminders.Describe(r.Status),
                r.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture), r.LastError, r.Note,
                await localTime.FormatAsync(r.SentAt, "yyyy-MM-dd HH:mm"), await localTime.FormatAsync(r.EventAt, "yyyy-MM-dd HH:mm"), r.Key,
            ]);
        }
        return CsvExport.File("reminders", ["Due", "To", "Kind", "Subject", "Status", "Attempts", "Last error", "Note", "Sent", "Event", "Key"], rows, time);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new ChangeReminder.Retry { ReminderId = id }, ct);
            TempData.Flash("The reminder will be sent again now.");
        }
        catch (ValidationFailedException ex)
        {
            TempData.Flash(ex.Message, FlashKind.Warning);
        }
        return Redirect(new PagerModel(1, 1, "/Admin/Reminders", Filters).LinkTo(Paging.ClampPage(PageNumber)));
    }

    private ListReminders.Query BuildQuery(int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        // A status or kind typed into the address that the lists do not offer filters nothing, rather than everything away.
        var status = ListReminders.StatusesOf(Status) is null ? null : Status;
        var kind = Kind is { Length: > 0 and <= 100 } ? Kind : null;
        return new ListReminders.Query(status, kind, search, Paging.ClampPage(PageNumber), pageSize);
    }
}
