using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Organising.Platform.Identity;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Messages;

[Authorize(Policy = Capabilities.ViewMessages)]
public sealed class IndexModel(ISender sender, IOptions<OrganisingOptions> options, TimeProvider time, OrganisationTime localTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }
    public Paged<ListMessages.Row> Messages { get; private set; } = null!;
    public string? SearchError { get; private set; }

    public string TransportDescription => options.Value.Smtp.IsConfigured
        ? $"E-mail goes out through the SMTP server {options.Value.Smtp.Host}:{options.Value.Smtp.Port}."
        : $"No SMTP server is configured, so e-mails are saved as .eml files in {options.Value.OutboxDirectory} instead of being sent. Set Organising__Smtp__Host to send them.";

    public async Task OnGetAsync(CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        Messages = await sender.Send(new ListMessages.Query(search, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new ListMessages.Query(SearchBox.Read(Q).Text, 1, null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var m in all.Items)
        {
            rows.Add([await localTime.FormatAsync(m.CreatedAt, "yyyy-MM-dd HH:mm:ss"), m.Recipient, m.Subject, m.Transport, m.Status, m.Error]);
        }
        return CsvExport.File("messages", ["When", "To", "Subject", "Transport", "Status", "Error"], rows, time);
    }
}
