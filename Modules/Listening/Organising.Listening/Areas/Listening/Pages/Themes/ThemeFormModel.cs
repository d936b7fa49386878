using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>What the create and edit pages share: the form's input and its button.</summary>
public abstract class ThemeFormModel : PageModel
{
    [BindProperty] public SaveTheme.Command Input { get; set; } = new();

    public abstract string SubmitLabel { get; }
}
