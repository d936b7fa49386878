using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Networks.People;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

[Authorize(Policy = NetworksCapabilities.ViewPeople)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time, OrganisationTime localTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Network { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Institution { get; set; }
    [BindProperty(SupportsGet = true, Name = "at")] public string? InstitutionName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(SupportsGet = true)] public bool Erased { get; set; }
    [BindProperty(SupportsGet = true)] public bool Special { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ListPeople.Result Result { get; private set; } = null!;
    public bool CanSeeSpecialCategory { get; private set; }
    public bool CanMergeAndErase { get; private set; }
    public bool CanImport { get; private set; }
    public string? SearchError => SearchBox.Read(Q).Error;
    public string? InstitutionNameError => SearchBox.Read(InstitutionName).Error;
    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Network is not null || Institution is not null || !string.IsNullOrWhiteSpace(InstitutionName) || !string.IsNullOrEmpty(Role) || !string.IsNullOrEmpty(Language);

    public IReadOnlyDictionary<string, string?> FilterValues => new Dictionary<string, string?>
    {
        ["q"] = Q, ["network"] = Network?.ToString(), ["institution"] = Institution?.ToString(), ["at"] = InstitutionName, ["role"] = Role, ["language"] = Language,
        ["erased"] = Erased ? "true" : null,
    };

    public string CsvUrl => new PagerModel(1, 1, "/Networks/People", FilterValues.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1).Replace("&page=1", "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(new ListPeople.Query(Filters(), Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
        CanSeeSpecialCategory = (await authorization.AuthorizeAsync(User, NetworksCapabilities.SpecialCategory)).Succeeded;
        CanMergeAndErase = (await authorization.AuthorizeAsync(User, NetworksCapabilities.MergeAndErase)).Succeeded;
        CanImport = (await authorization.AuthorizeAsync(User, NetworksCapabilities.Import)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        ListPeople.Result all;
        try
        {
            all = Special
                ? await sender.Send(new ListPeople.ExportWithSpecialCategory(Filters()), ct)
                : await sender.Send(new ListPeople.Query(Filters(), 1, null), ct);
        }
        catch (ValidationFailedException)
        {
            return Forbid();
        }
        var header = new List<string> { "Full name", "Preferred name", "E-mail", "Phone", "Postcode", "Preferred language", "Contact channel",
            "Access needs", "Roles", "Networks", "Affiliations", "New to involvement", "How we met", "Consent to contact", "Added" };
        if (all.IncludesSpecialCategory) header.AddRange(["Ethnicity", "Faith", "Health conditions"]);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var p in all.People.Items)
        {
            var row = new List<string?>
            {
                p.FullName, p.PreferredName, p.Email, p.Phone, p.Postcode, PersonOptions.DescribeLanguage(p.PreferredLanguage), p.ContactChannel,
                p.AccessNeeds, string.Join("; ", p.Roles), string.Join("; ", p.Networks), string.Join("; ", p.Affiliations),
                p.NewToInvolvement ? "yes" : "no", p.HowWeMet, p.ContactConsent ?? "not recorded", await localTime.FormatAsync(p.CreatedAt, "yyyy-MM-dd"),
            };
            if (all.IncludesSpecialCategory) row.AddRange([p.Ethnicity, p.Faith, p.HealthConditions]);
            rows.Add(row);
        }
        return CsvExport.File("people", header, rows, time);
    }

    private ListPeople.Filters Filters()
    {
        // Role and language come from lists: a value too long to be one of them is no filter at all.
        static string? Listed(string? s, int max) => s is { Length: var n } && n > max ? null : s;
        return new(SearchBox.Read(Q).Text, Network, Institution, Listed(Role, 20), Listed(Language, 60), Erased, SearchBox.Read(InstitutionName).Text);
    }

    public IEnumerable<SelectListItem> NetworkOptions =>
        new[] { new SelectListItem("Any network", "") }.Concat(Result.Networks.Select(n => new SelectListItem(n.Name, n.Id.ToString(), n.Id == Network)));

    /// <summary>The institution chosen by id (a link from its page), named so the filter can be seen and removed.</summary>
    public string? ChosenInstitutionName => Result.Institutions.FirstOrDefault(i => i.Id == Institution)?.Name;

    public IEnumerable<SelectListItem> RoleOptions =>
        new[] { new SelectListItem("Any role", "") }.Concat(PersonOptions.Roles.Select(r => new SelectListItem(PersonOptions.DescribeRole(r), r, r == Role)));

    public IEnumerable<SelectListItem> LanguageOptions =>
        new[] { new SelectListItem("Any language", "") }.Concat(OrganisationSettings.Languages.Select(l => new SelectListItem(l.Name, l.Code, l.Code == Language)));
}
