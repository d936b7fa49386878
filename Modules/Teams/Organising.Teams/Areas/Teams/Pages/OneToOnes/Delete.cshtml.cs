using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>The confirmation step before deleting a one-to-one.</summary>
[Authorize(Policy = TeamsCapabilities.RecordOneToOnes)]
public sealed class DeleteModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    public GetOneToOne.Details OneToOne { get; private set; } = null!;
    public string When { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetOneToOne.Query(id), ct) is not { CanSeeNotes: true } details) return NotFound();
        OneToOne = details;
        When = TimeZoneInfo.ConvertTime(details.MetAt, (await settings.GetAsync(ct)).TimeZone).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new DeleteOneToOne.Command { Id = id }, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("The one-to-one is deleted, with its follow-up reminder.");
        return Redirect("/Teams/OneToOnes");
    }
}
