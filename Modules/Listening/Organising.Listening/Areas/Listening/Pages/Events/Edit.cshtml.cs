using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>Changes an event's details (what was heard is changed on the Record page). Moving it moves its reminders.</summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class EditModel(ISender sender, OrganisationSettingsCache settings) : EventFormModel(sender, settings)
{
    [FromRoute] public Guid Id { get; set; }

    public override bool ShowRows => false;
    public override string Heading => "Edit the event";
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Listening/Events/Details/{Id}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(null, Id, ct)) return NotFound();
        Input = Form.Saved!;
        Input.Rows = [];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.EventId = Id;
        Input.CampaignId = null;
        Input.Rows = [];
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return await ShowAgainAsync(ct);
        TempData.Flash("Event saved.");
        return Redirect($"/Listening/Events/Details/{Id}");
    }

    protected override async Task<IActionResult> ShowAgainAsync(CancellationToken ct) =>
        await LoadFormAsync(null, Id, ct) ? Page() : NotFound();
}
