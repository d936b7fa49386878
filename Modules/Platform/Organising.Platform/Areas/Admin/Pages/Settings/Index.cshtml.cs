using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Settings;

[Authorize(Policy = Capabilities.ManageSettings)]
public sealed class IndexModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    [BindProperty] public SaveSettings.Command Input { get; set; } = new();

    public IEnumerable<SelectListItem> TimeZoneOptions => TimeZones.All.Select(z => new SelectListItem(z.Replace('_', ' '), z));
    public IEnumerable<SelectListItem> LanguageOptions => OrganisationSettings.Languages.Select(l => new SelectListItem(l.Name, l.Code));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        Input = new SaveSettings.Command { Name = current.Name, TimeZoneId = current.TimeZoneId, DefaultLanguage = current.DefaultLanguage };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash("Settings saved.");
        return RedirectToPage();
    }
}
