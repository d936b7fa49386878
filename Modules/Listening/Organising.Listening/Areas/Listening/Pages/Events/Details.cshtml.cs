using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;

namespace Organising.Listening.Areas.Listening.Pages.Events;

[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class DetailsModel(ISender sender, OrganisationTime time) : PageModel
{
    public GetEvent.Result Event { get; private set; } = null!;
    public string When { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetEvent.Query(id), ct) is not { } found) return NotFound();
        Event = found;
        When = await time.FormatAsync(found.HeldAt, "dddd d MMMM yyyy, HH:mm");
        return Page();
    }
}
