using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>The schedule and edit pages share one form.</summary>
public abstract class SessionFormModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveSession.Command Input { get; set; } = new();

    public GetSessionForm.Result Form { get; protected set; } = null!;

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    public IEnumerable<SelectListItem> ModuleOptions =>
        Form.Modules.Select(m => new SelectListItem(m.Name, m.Id.ToString())).Prepend(new SelectListItem("Choose a module", ""));

    public IEnumerable<SelectListItem> TeamOptions =>
        Form.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()))
            .Prepend(new SelectListItem(Form.MayChooseNoTeam ? "No team: open to everyone" : "Choose a team", ""));

    protected async Task<bool> LoadFormAsync(Guid? sessionId, CancellationToken ct)
    {
        if (await Sender.Send(new GetSessionForm.Query(sessionId), ct) is not { } form) return false;
        Form = form;
        return true;
    }
}
