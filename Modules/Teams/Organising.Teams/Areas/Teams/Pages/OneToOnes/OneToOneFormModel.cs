using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// Recording and editing share one form. The person met is chosen first, without script: a GET search on the same
/// page lists the people found, each a link carrying <c>personId</c>; the form then holds that person.
/// </summary>
public abstract class OneToOneFormModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveOneToOne.Command Input { get; set; } = new();

    /// <summary>The search for the person met (GET).</summary>
    [FromQuery(Name = "q")] public string? Q { get; set; }

    /// <summary>The person chosen from the search (GET).</summary>
    [FromQuery(Name = "personId")] public Guid? PersonId { get; set; }

    public GetOneToOneForm.Result Form { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }
    public abstract string PagePath { get; }

    public IEnumerable<SelectListItem> TeamOptions =>
        Form.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString())).Prepend(new SelectListItem("Choose a team", ""));

    public IEnumerable<SelectListItem> HolderOptions => (Form.Holders ?? []).Select(h => new SelectListItem(h.Name, h.Id.ToString()));

    public string MetAtValue => Input.MetAt?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A link to this page choosing <paramref name="personId"/> as the person met.</summary>
    public string ChooseLink(Guid personId) => $"{PagePath}?personId={personId:D}";

    /// <summary>Loads the form's choices; false when the one-to-one cannot be edited by this user (or does not exist).</summary>
    protected async Task<bool> LoadFormAsync(Guid? id, Guid? personId, CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        Zone = (await settings.GetAsync(ct)).TimeZone;
        var form = await Sender.Send(new GetOneToOneForm.Query(id, personId, search), ct);
        if (form is null) return false;
        Form = form;
        return true;
    }

    protected DateTime LocalNow(TimeProvider time)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime;
        return new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified);
    }

    public string Local(DateTimeOffset utc, string format = "d MMM yyyy HH:mm") =>
        TimeZoneInfo.ConvertTime(utc, Zone).ToString(format, CultureInfo.GetCultureInfo("en-GB"));
}
