using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

[Authorize(Policy = TeamsCapabilities.ViewTraining)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }

    public IReadOnlyList<ListModules.Row> Modules { get; private set; } = [];
    public bool CanEdit { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Modules = await sender.Send(new ListModules.Query(Archived), ct);
        CanEdit = (await authorization.AuthorizeAsync(User, TeamsCapabilities.EditCurriculum)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new ListModules.Query(true), ct);
        return CsvExport.File("curriculum", ["Position", "Module", "Core", "Description", "Sessions", "Completions", "Status"],
            all.Select(m => (IReadOnlyList<string?>)[m.Position.ToString(), m.Name, m.IsCore ? "core" : "optional", m.Description,
                m.Sessions.ToString(), m.Completions.ToString(), m.ArchivedAt is null ? "current" : "archived"]), time);
    }
}
