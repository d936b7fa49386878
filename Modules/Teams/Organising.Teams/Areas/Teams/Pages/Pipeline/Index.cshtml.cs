using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>The pipeline board. Members of the team view it; those who manage it move people (the Move handler).</summary>
[Authorize(Policy = TeamsCapabilities.ViewTeams)]
public sealed class IndexModel(ISender sender) : PageModel
{
    public GetBoard.Board Board { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid teamId, CancellationToken ct)
    {
        if (await sender.Send(new GetBoard.Query(teamId), ct) is not { } board) return NotFound();
        Board = board;
        return Page();
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid teamId, MoveRecruit.Command input, CancellationToken ct)
    {
        input.TeamId = teamId;
        var sent = await sender.SendValidatedAsync(input, ModelState, ct, prefix: "");
        RowForms.MoveErrorsToTop(ModelState);
        if (sent.Succeeded)
        {
            TempData.Flash(sent.Value.Changed
                ? $"Moved to “{PipelineStages.Describe(sent.Value.To)}”{(sent.Value.Backwards ? " (a step back, recorded in their history)" : "")}."
                : "They were already at that stage.", sent.Value.Changed ? FlashKind.Success : FlashKind.Info);
            return Redirect($"/Teams/Pipeline/{teamId}");
        }
        if (ModelState.TryGetValue("", out var entry) && entry.Errors.Any(e => e.ErrorMessage == MoveRecruit.NoSuchRecruit)) return NotFound();
        return await OnGetAsync(teamId, ct);
    }
}
