using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

[Authorize(Policy = TeamsCapabilities.RecordOneToOnes)]
public sealed class DetailsModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    public GetOneToOne.Details OneToOne { get; private set; } = null!;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetOneToOne.Query(id), ct) is not { } details) return NotFound();
        OneToOne = details;
        _zone = (await settings.GetAsync(ct)).TimeZone;
        return Page();
    }

    public string Local(DateTimeOffset utc, string format = "d MMMM yyyy, HH:mm") =>
        TimeZoneInfo.ConvertTime(utc, _zone).ToString(format, CultureInfo.GetCultureInfo("en-GB"));
}
