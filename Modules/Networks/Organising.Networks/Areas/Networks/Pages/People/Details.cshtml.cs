using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>A person's page, with its two small forms: record a consent event, add a note.</summary>
[Authorize(Policy = NetworksCapabilities.ViewPeople)]
public sealed class DetailsModel(ISender sender, TimeProvider time, OrganisationTime localTime, IAuthorizationService authorization) : PageModel
{
    public bool CanMergeAndErase { get; private set; }

    public GetPerson.Details Details { get; private set; } = null!;
    public RecordConsent.Command Consent { get; set; } = new();
    public AddPersonNote.Command Note { get; set; } = new();

    public static IEnumerable<SelectListItem> PurposeOptions => ConsentPurposes.All.Select(p => new SelectListItem(ConsentPurposes.Describe(p), p));
    public static IEnumerable<SelectListItem> StateOptions => [new SelectListItem("Given", "given"), new SelectListItem("Withdrawn", "withdrawn")];
    public static IEnumerable<SelectListItem> ChannelOptions => Consents.Channels.Select(c => new SelectListItem(PersonOptions.DescribeConsentChannel(c), c));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        // A record merged away leads to the one it was merged into.
        if (Details.Person.MergedInto is { } survivor) return Redirect($"/Networks/People/Details/{survivor}");
        Consent.OccurredOn = DateOnly.FromDateTime((await localTime.ToLocalAsync(time.GetUtcNow())).DateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!await TryUpdateModelAsync(Consent, nameof(Consent))) return Page();
        Consent.PersonId = id;
        try
        {
            await sender.Send(Consent, ct);
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddFieldErrors(ex, nameof(Consent));
            return Page();
        }
        TempData.Flash(Consent.State == "withdrawn" && Consent.Purpose == ConsentPurposes.Contact
            ? "Withdrawal recorded. All contact with them stops: no reminders or messages will be sent."
            : $"{ConsentPurposes.Describe(Consent.Purpose)}: {Consent.State} recorded.");
        return Redirect($"/Networks/People/Details/{id}#consent");
    }

    public async Task<IActionResult> OnPostNoteAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (!await TryUpdateModelAsync(Note, nameof(Note))) return Page();
        Note.PersonId = id;
        try
        {
            await sender.Send(Note, ct);
        }
        catch (ValidationFailedException ex)
        {
            ModelState.AddFieldErrors(ex, nameof(Note));
            return Page();
        }
        TempData.Flash("Note added.");
        return Redirect($"/Networks/People/Details/{id}#notes");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPerson.Query(id), ct) is not { } details) return false;
        Details = details;
        CanMergeAndErase = (await authorization.AuthorizeAsync(User, NetworksCapabilities.MergeAndErase)).Succeeded;
        return true;
    }

    public string ConsentState(string purpose) => Details.CurrentConsent.GetValueOrDefault(purpose) switch
    {
        "given" => "Given",
        "withdrawn" => "Withdrawn",
        _ => "Not recorded",
    };
}
