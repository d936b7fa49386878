using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>Find a person (a GET search) and add them to the team with a role: one small form per match, no script.</summary>
[Authorize(Policy = TeamsCapabilities.ManageTeams)]
public sealed class AddModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public PickPerson.Result Pick { get; private set; } = null!;
    public string? SearchError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct) =>
        await LoadAsync(teamId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid teamId, AddMember.Command input, CancellationToken ct)
    {
        input.TeamId = teamId;
        var sent = await sender.SendValidatedAsync(input, ModelState, ct, prefix: "");
        RowForms.MoveErrorsToTop(ModelState);
        if (sent.Succeeded)
        {
            TempData.Flash("Member added.");
            return Redirect($"/Teams/Details/{teamId}");
        }
        return await LoadAsync(teamId, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid teamId, CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        if (await sender.Send(new PickPerson.Query(teamId, search), ct) is not { } pick) return false;
        Pick = pick;
        return true;
    }
}
