using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>A network and who it actually reaches: numbers only, so Observers may see it too.</summary>
[Authorize(Policy = NetworksCapabilities.ViewReach)]
public sealed class DetailsModel(ISender sender, IAuthorizationService authorization) : PageModel
{
    public GetNetworkReach.Reach Reach { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public bool CanSeeInstitutions { get; private set; }
    public bool CanEditInstitutions { get; private set; }
    public string RoleChartSvg { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetNetworkReach.Query(id), ct) is not { } reach) return NotFound();
        Reach = reach;
        CanManage = (await authorization.AuthorizeAsync(User, NetworksCapabilities.ManageNetworks)).Succeeded;
        CanSeeInstitutions = (await authorization.AuthorizeAsync(User, NetworksCapabilities.ViewInstitutions)).Succeeded;
        CanEditInstitutions = (await authorization.AuthorizeAsync(User, NetworksCapabilities.EditInstitutions)).Succeeded;
        if (reach.People.People > 0)
        {
            RoleChartSvg = Charts.BarsSvg("people-by-role-chart", $"People in {reach.Network.Name} by role",
                reach.PeopleByRole.Select(c => (GetNetworkReach.DescribeRole(c.Label), c.Value)).ToList());
        }
        return Page();
    }
}
