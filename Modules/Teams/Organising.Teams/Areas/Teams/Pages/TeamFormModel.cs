using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>The create and edit pages share one form.</summary>
public abstract class TeamFormModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveTeam.Command Input { get; set; } = new();

    public GetTeamForm.Form Form { get; protected set; } = null!;

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    public static IEnumerable<SelectListItem> StatusOptions => TeamStatuses.All.Select(s => new SelectListItem(TeamStatuses.Describe(s), s));

    public IEnumerable<SelectListItem> NetworkOptions =>
        Form.Networks.Select(n => new SelectListItem(n.IsArchived ? $"{n.Name} (archived)" : n.Name, n.Id.ToString()))
            .Prepend(new SelectListItem("No network yet", ""));

    /// <summary>Loads the form's choices; false when the team being edited is not there for this user.</summary>
    protected async Task<bool> LoadFormAsync(Guid? teamId, CancellationToken ct)
    {
        if (await Sender.Send(new GetTeamForm.Query(teamId), ct) is not { } form) return false;
        Form = form;
        return true;
    }
}
