using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Listening.Areas.Listening.Pages.Forms;

/// <summary>/Listening/Forms/ReportBack?campaign={id}[&amp;event={id}]: the printable report-back form (PDF).</summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class ReportBackModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "campaign")] Guid? campaign, [FromQuery(Name = "event")] Guid? eventId, CancellationToken ct)
    {
        if (campaign is null || await sender.Send(new PrintReportBack.Query(campaign.Value, eventId), ct) is not { } form) return NotFound();
        return File(form.Pdf, "application/pdf", form.FileName);
    }
}
