using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Web;
using Organising.Teams.Ladders;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>Adds a rung (no id) or changes one.</summary>
[Authorize(Policy = TeamsCapabilities.EditCurriculum)]
public sealed class RungModel(ISender sender) : PageModel
{
    [BindProperty] public SaveRung.Command Input { get; set; } = new();

    public bool IsNew => Input.Id is null;

    public static readonly IReadOnlyList<SelectListItem> TrackOptions =
        [new(LadderStandings.DescribeTrack(LadderStandings.Community), LadderStandings.Community), new(LadderStandings.DescribeTrack(LadderStandings.Clinician), LadderStandings.Clinician)];

    public static readonly IReadOnlyList<SelectListItem> RuleOptions = LadderRules.All.Select(r => new SelectListItem(LadderRules.DescribeRule(r), r)).ToList();

    public static readonly string ActivityHint = "Reported by other stages: "
        + string.Join(", ", LadderRules.Activities.Select(a => $"{a} ({LadderRules.DescribeActivity(a)})"))
        + ". Or type another in lower case with hyphens.";

    public async Task<IActionResult> OnGetAsync(Guid? id, string? track, CancellationToken ct)
    {
        if (id is null)
        {
            if (track is "clinician" or "community") Input.Track = track;
            return Page();
        }
        if (await sender.Send(new GetRung.Query(id.Value), ct) is not { } rung) return NotFound();
        Input = new SaveRung.Command
        {
            Id = rung.Id, Track = rung.Track, Position = rung.Position, Name = rung.Name, Rule = rung.Rule, Activity = rung.Activity, Threshold = rung.Threshold,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        Input.Id = id;
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash(id is null ? $"Rung “{Input.Name.Trim()}” added." : "Changes saved.");
        return Redirect("/Teams/Ladders");
    }
}
