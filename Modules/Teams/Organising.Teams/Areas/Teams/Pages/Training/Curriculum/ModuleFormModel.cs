using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

/// <summary>The add and edit pages share one form.</summary>
public abstract class ModuleFormModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveModule.Command Input { get; set; } = new();

    public abstract string SubmitLabel { get; }
}
