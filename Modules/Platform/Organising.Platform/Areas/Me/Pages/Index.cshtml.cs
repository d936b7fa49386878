using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;

namespace Organising.Platform.Areas.Me.Pages;

/// <summary>/Me: what is coming up for the signed-in user, from every module's calendar source.</summary>
public sealed class IndexModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    public ListMyUpcoming.Result Upcoming { get; private set; } = null!;
    public string TimeZoneName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Upcoming = await sender.Send(new ListMyUpcoming.Query(), ct);
        TimeZoneName = (await settings.GetAsync(ct)).TimeZoneId.Replace('_', ' ');
    }
}
