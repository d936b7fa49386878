using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>The confirmation step before cancelling a session.</summary>
[Authorize(Policy = TeamsCapabilities.ManageTraining)]
public sealed class CancelModel(ISender sender) : PageModel
{
    public GetSession.Details Session { get; private set; } = null!;

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetSession.Query(id), ct) is not { CanManage: true } session) return NotFound();
        Session = session;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new CancelSession.Command { SessionId = id }, ct);
        }
        catch (SessionNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException ex)
        {
            TempData.Flash(ex.Message, FlashKind.Danger);
            return Redirect($"/Teams/Training/Sessions/{id}");
        }
        TempData.Flash("The session is cancelled. Everyone enrolled will no longer be reminded.");
        return Redirect($"/Teams/Training/Sessions/{id}");
    }
}
