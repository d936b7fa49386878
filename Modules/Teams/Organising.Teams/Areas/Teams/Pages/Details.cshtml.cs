using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;
using Organising.Teams.Areas.Teams.Pages.Members;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>The team page. Its member rows post role changes here (ChangeMember); anyone who may not change the team gets "not found".</summary>
[Authorize(Policy = TeamsCapabilities.ViewTeams)]
public sealed class DetailsModel(ISender sender) : PageModel
{
    public GetTeam.Details Team { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetTeam.Query(id), ct) is not { } team) return NotFound();
        Team = team;
        return Page();
    }

    public async Task<IActionResult> OnPostChangeMemberAsync(Guid id, ChangeMember.Command input, CancellationToken ct)
    {
        input.TeamId = id;
        var sent = await sender.SendValidatedAsync(input, ModelState, ct, prefix: "");
        RowForms.MoveErrorsToTop(ModelState);
        if (sent.Succeeded)
        {
            TempData.Flash("Member's role saved.");
            return Redirect($"/Teams/Details/{id}");
        }
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == ChangeMember.NotAMember)) return NotFound();
        return await OnGetAsync(id, ct);
    }
}
