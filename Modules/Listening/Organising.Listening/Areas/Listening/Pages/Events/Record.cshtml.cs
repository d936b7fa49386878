using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// Bulk entry of one paper report-back form: the event on top, then a grid of rows heard. After saving, a fresh empty
/// form for the same campaign, so one volunteer can type a stack of forms. <c>?event={id}</c> types in (or corrects)
/// what was heard at an existing event, its rows shown with their ids so they are updated in place.
/// </summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class RecordModel(ISender sender, OrganisationSettingsCache settings) : EventFormModel(sender, settings)
{
    [FromQuery(Name = "campaign")] public Guid? Campaign { get; set; }
    [FromQuery(Name = "event")] public Guid? Event { get; set; }

    public override bool ShowRows => true;
    public override string Heading => Event is null ? "Type in a report-back form" : "What was heard";
    public override string SubmitLabel => "Save this form";
    public override string CancelUrl => Event is { } e ? $"/Listening/Events/Details/{e}" : $"/Listening/Events?campaign={Form.CampaignId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(Campaign, Event, ct)) return NotFound();
        if (Event is not null) Input = Form.Saved!;
        else await StartNewAsync(ct);
        PadRows();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.EventId = Event;
        Input.CampaignId = Event is null ? Campaign : null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return await ShowAgainAsync(ct);
        TempData.Flash($"Saved: {Words.Count(sent.Value.Issues, "issue", "issues")}, {Words.Count(sent.Value.Stories, "story", "stories")}."
            + (Event is null ? " The form is ready for the next one." : ""));
        return Redirect(Event is { } e ? $"/Listening/Events/Details/{e}" : $"/Listening/Events/Record?campaign={sent.Value.CampaignId}");
    }

    protected override async Task<IActionResult> ShowAgainAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(Campaign, Event, ct)) return NotFound();
        TrimTrailingBlankRows();
        PadRows();
        return Page();
    }
}
