using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>Renaming a theme (and its code and description); every issue raised it tags keeps the tag.</summary>
[Authorize(Policy = ListeningCapabilities.ManageThemes)]
public sealed class EditModel(ISender sender) : ThemeFormModel
{
    public override string SubmitLabel => "Save changes";
    public string CurrentName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetTheme.Query(id), ct) is not { } theme) return NotFound();
        CurrentName = theme.Name;
        Input = new SaveTheme.Command { Id = id, Name = theme.Name, Code = theme.Code, Description = theme.Description };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetTheme.Query(id), ct) is not { } theme) return NotFound();
        CurrentName = theme.Name;
        Input.Id = id;
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        TempData.Flash(sent.Value.Changed.Count == 0 ? "Nothing changed." : "Changes saved.");
        return Redirect("/Listening/Themes");
    }
}
