using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>The add and edit pages share one form.</summary>
public abstract class PersonFormModel : PageModel
{
    [BindProperty] public SavePerson.Command Input { get; set; } = new();

    public GetPersonForm.Form Options { get; protected set; } = new();

    /// <summary>Set when the e-mail address belongs to someone the user may open.</summary>
    public Guid? ExistingPersonId { get; private set; }

    public abstract bool IsCreate { get; }
    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    public static IEnumerable<SelectListItem> LanguageOptions =>
        new[] { new SelectListItem("Not recorded", "") }
            .Concat(OrganisationSettings.Languages.Select(l => new SelectListItem(l.Name, l.Code)))
            .Append(new SelectListItem("Another language (type it below)", PersonOptions.OtherLanguage));

    public static IEnumerable<SelectListItem> ChannelOptions =>
        new[] { new SelectListItem("Not recorded", "") }.Concat(PersonOptions.ContactChannels.Select(c => new SelectListItem(PersonOptions.DescribeChannel(c), c)));

    public static IEnumerable<SelectListItem> ConsentChannelOptions =>
        new[] { new SelectListItem("Choose…", "") }.Concat(Consents.Channels.Select(c => new SelectListItem(PersonOptions.DescribeConsentChannel(c), c)));

    public IEnumerable<SelectListItem> InstitutionOptions =>
        new[] { new SelectListItem("No institution", "") }.Concat(Options.Institutions.Select(i => new SelectListItem(i.Name, i.Id.ToString())));

    public static IEnumerable<SelectListItem> AffiliationRoleOptions =>
        [new SelectListItem("Member", "member"), new SelectListItem("Leader", "leader")];

    public static IReadOnlyList<string> ConsentPurposeList => ConsentPurposes.All;

    /// <summary>The rows the affiliation editor shows: those filled in and two blank ones, at most the limit.</summary>
    protected void PadAffiliations()
    {
        Input.Affiliations = Input.Affiliations.Where(a => a.InstitutionId is not null).Take(SavePerson.MaxAffiliations).ToList();
        var blanks = Math.Min(2, SavePerson.MaxAffiliations - Input.Affiliations.Count);
        for (var i = 0; i < blanks; i++) Input.Affiliations.Add(new SavePerson.Affiliation());
    }

    protected void ShowRefusal(ValidationFailedException ex)
    {
        var existing = ex.Errors.FirstOrDefault(e => e.Field == SavePerson.ExistingPersonField);
        if (existing is not null && Guid.TryParse(existing.Message, out var id)) ExistingPersonId = id;
        ModelState.AddFieldErrors(new ValidationFailedException(ex.Errors.Where(e => e.Field != SavePerson.ExistingPersonField).ToList()));
    }

    public string? ErrorFor(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
