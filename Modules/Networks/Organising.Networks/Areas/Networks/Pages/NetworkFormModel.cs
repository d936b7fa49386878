using Microsoft.AspNetCore.Mvc.Rendering;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>The create and edit pages share one form.</summary>
public abstract class NetworkFormModel : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty] public SaveNetwork.Command Input { get; set; } = new();

    public static IEnumerable<SelectListItem> KindOptions => NetworkKinds.All.Select(k => new SelectListItem(NetworkKinds.Describe(k), k));

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }
}
