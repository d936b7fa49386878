using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages;

[Authorize(Policy = NetworksCapabilities.ViewReach)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }
    public IReadOnlyList<ListNetworksWithReach.Row> Rows { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await sender.Send(new ListNetworksWithReach.Query(Archived), ct);
        CanManage = (await authorization.AuthorizeAsync(User, NetworksCapabilities.ManageNetworks)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var rows = await sender.Send(new ListNetworksWithReach.Query(Archived), ct);
        return CsvExport.File("networks", ["Name", "Kind", "Description", "People", "Institutions", "Status"],
            rows.Select(r => (IReadOnlyList<string?>)[r.Name, r.Kind, r.Description, r.People.ToString(), r.Institutions.ToString(), r.ArchivedAt is null ? "current" : "archived"]),
            time);
    }
}
