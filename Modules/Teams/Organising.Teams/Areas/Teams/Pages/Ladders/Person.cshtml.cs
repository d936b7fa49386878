using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

[Authorize(Policy = TeamsCapabilities.ViewLadders)]
public sealed class PersonModel(ISender sender) : PageModel
{
    public GetPersonLadder.Result Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPersonLadder.Query(id), ct) is not { } person) return NotFound();
        Person = person;
        return Page();
    }
}
