using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>The confirmation step before deleting an event and what was heard at it.</summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class DeleteModel(ISender sender, OrganisationTime time) : PageModel
{
    public GetEvent.Result Event { get; private set; } = null!;
    public string When { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetEvent.Query(id), ct) is not { } found) return NotFound();
        Event = found;
        When = await time.FormatAsync(found.HeldAt, "d MMMM yyyy, HH:mm");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Guid campaignId;
        try
        {
            campaignId = await sender.Send(new DeleteEvent.Command(id), ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("Event deleted, with what was heard at it.");
        return Redirect($"/Listening/Events?campaign={campaignId}");
    }
}
