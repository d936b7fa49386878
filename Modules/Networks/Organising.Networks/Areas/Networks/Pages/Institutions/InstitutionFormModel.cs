using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>
/// The create and edit pages share one form. Finding a main contact is a second submit button on the
/// same form (no script): the page comes back with what was typed and the people found, as radio buttons.
/// </summary>
public abstract class InstitutionFormModel(ISender sender) : PageModel
{
    public const int MaxSearchLength = 100;

    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveInstitution.Command Input { get; set; } = new();
    [BindProperty] public string? ContactSearch { get; set; }

    public GetInstitutionForm.Result Form { get; protected set; } = null!;

    public static IEnumerable<SelectListItem> TypeOptions =>
        InstitutionTypes.All.Select(t => new SelectListItem(InstitutionTypes.Describe(t), t)).Prepend(new SelectListItem("Choose a type", ""));

    public static IEnumerable<SelectListItem> MembershipOptions => Memberships.All.Select(m => new SelectListItem(Memberships.Describe(m), m));

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    /// <summary>Loads the form's choices; false when the institution being edited no longer exists.</summary>
    protected async Task<bool> LoadFormAsync(Guid? institutionId, CancellationToken ct, bool search = false)
    {
        var text = ContactSearch is { Length: > MaxSearchLength } ? ContactSearch[..MaxSearchLength] : ContactSearch;
        var form = await Sender.Send(new GetInstitutionForm.Query(institutionId, search ? text : null, Input.MainContactId), ct);
        if (form is null) return false;
        Form = form;
        return true;
    }
}
