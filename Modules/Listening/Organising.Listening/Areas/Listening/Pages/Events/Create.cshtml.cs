using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>Schedules an event to come (its facilitators are reminded), or records one that happened, without its rows.</summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class CreateModel(ISender sender, OrganisationSettingsCache settings) : EventFormModel(sender, settings)
{
    [FromQuery(Name = "campaign")] public Guid? Campaign { get; set; }

    public override bool ShowRows => false;
    public override string Heading => "Schedule or record an event";
    public override string SubmitLabel => "Save the event";
    public override string CancelUrl => $"/Listening/Events?campaign={Form.CampaignId}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(Campaign, null, ct)) return NotFound();
        await StartNewAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.EventId = null;
        Input.CampaignId = Campaign;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return await ShowAgainAsync(ct);
        TempData.Flash("Event saved.");
        return Redirect($"/Listening/Events/Details/{sent.Value.EventId}");
    }

    protected override async Task<IActionResult> ShowAgainAsync(CancellationToken ct) =>
        await LoadFormAsync(Campaign, null, ct) ? Page() : NotFound();
}
