using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>The confirmation step before taking someone out of a team.</summary>
[Authorize(Policy = TeamsCapabilities.ManageTeams)]
public sealed class RemoveModel(ISender sender) : PageModel
{
    public GetMember.Member Member { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid teamId, Guid personId, CancellationToken ct)
    {
        if (await sender.Send(new GetMember.Query(teamId, personId), ct) is not { } member) return NotFound();
        Member = member;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid teamId, Guid personId, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RemoveMember.Command { TeamId = teamId, PersonId = personId }, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("Member removed from the team.");
        return Redirect($"/Teams/Details/{teamId}");
    }
}
