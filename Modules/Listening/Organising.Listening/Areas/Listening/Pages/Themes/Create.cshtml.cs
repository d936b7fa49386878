using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

[Authorize(Policy = ListeningCapabilities.ManageThemes)]
public sealed class CreateModel(ISender sender) : ThemeFormModel
{
    public override string SubmitLabel => "Add theme";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        TempData.Flash($"Theme “{sent.Value.Name}” added.");
        return Redirect("/Listening/Themes");
    }
}
