using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

[Authorize(Policy = TeamsCapabilities.ViewTeams)]
public sealed class HistoryModel(ISender sender) : PageModel
{
    public GetRecruitHistory.History History { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid recruitId, CancellationToken ct)
    {
        if (await sender.Send(new GetRecruitHistory.Query(recruitId), ct) is not { } history) return NotFound();
        History = history;
        return Page();
    }
}
