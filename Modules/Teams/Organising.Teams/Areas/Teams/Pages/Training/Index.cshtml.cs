using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training;

[Authorize(Policy = TeamsCapabilities.ViewTraining)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, OrganisationTime localTime, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Past { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Module { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindSessions.Result Result { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool CanEditCurriculum { get; private set; }

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["past"] = Past ? "true" : null, ["module"] = Module?.ToString(),
    };

    public string CsvLink => new PagerModel(1, 1, "/Teams/Training", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(new FindSessions.Query(Past, Module, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
        CanManage = (await authorization.AuthorizeAsync(User, TeamsCapabilities.ManageTraining)).Succeeded;
        CanEditCurriculum = (await authorization.AuthorizeAsync(User, TeamsCapabilities.EditCurriculum)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new FindSessions.Query(Past, Module, 1, null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var s in all.Sessions.Items)
        {
            rows.Add([s.ModuleName, s.TeamName, await localTime.FormatAsync(s.StartsAt, "yyyy-MM-dd HH:mm"), await localTime.FormatAsync(s.EndsAt, "yyyy-MM-dd HH:mm"),
                s.Place, s.OnlineLink, s.Trainer, s.Capacity.ToString(), s.Enrolled.ToString(), s.Waiting.ToString(), s.Status]);
        }
        return CsvExport.File(Past ? "training-sessions-past" : "training-sessions", ["Module", "Team", "Starts", "Ends", "Place", "Online link", "Trainer",
            "Capacity", "Enrolled", "Waiting", "Status"], rows, time);
    }
}
