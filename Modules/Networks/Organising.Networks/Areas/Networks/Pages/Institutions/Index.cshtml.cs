using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

[Authorize(Policy = NetworksCapabilities.ViewInstitutions)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Network { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Membership { get; set; }
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }
    // From the query string: in Razor Pages the route value "page" is the page's own name.
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public FindInstitutions.Result Result { get; private set; } = null!;
    public bool CanEdit { get; private set; }
    public bool CanImport { get; private set; }

    /// <summary>Set when a typed-in filter could not be read, so it was ignored.</summary>
    public string? FilterWarning { get; private set; }

    public string? SearchError { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || Network is not null || Type is not null || Membership is not null;

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?>
    {
        ["q"] = Q, ["network"] = Network?.ToString(), ["type"] = Type, ["membership"] = Membership, ["archived"] = Archived ? "true" : null,
    };

    public string CsvLink => new PagerModel(1, 1, "/Networks/Institutions", Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(BuildQuery(Paging.DefaultPageSize), ct);
        CanEdit = (await authorization.AuthorizeAsync(User, NetworksCapabilities.EditInstitutions)).Succeeded;
        CanImport = (await authorization.AuthorizeAsync(User, NetworksCapabilities.Import)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(BuildQuery(null), ct);
        return CsvExport.File("institutions", ["Name", "Type", "Membership", "Address", "Postcode", "Main contact", "Networks", "Affiliated people", "Status"],
            all.Institutions.Items.Select(i => (IReadOnlyList<string?>)
            [
                i.Name, InstitutionTypes.Describe(i.Type), Memberships.Describe(i.Membership), i.Address, i.Postcode, i.MainContactName,
                string.Join("; ", i.Networks), i.Members.ToString(), i.ArchivedAt is null ? "current" : "archived",
            ]),
            time);
    }

    private FindInstitutions.Query BuildQuery(int? pageSize)
    {
        // Typed-in values that cannot be read (a malformed network id, an unknown type) are ignored, with a word.
        if (!ModelState.IsValid) FilterWarning = "Some filters could not be read and were ignored.";
        (var search, SearchError) = SearchBox.Read(Q);
        if (Type is not null && !InstitutionTypes.All.Contains(Type)) { Type = null; FilterWarning = "Some filters could not be read and were ignored."; }
        if (Membership is not null && !Memberships.All.Contains(Membership)) { Membership = null; FilterWarning = "Some filters could not be read and were ignored."; }
        return new FindInstitutions.Query(search, Network, Type, Membership, Archived, Paging.ClampPage(PageNumber), pageSize);
    }
}
