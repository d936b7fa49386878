using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>The themes list: anyone who records sees it (to tag what they heard); Organisers change it.</summary>
[Authorize(Policy = ListeningCapabilities.RecordListening)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public FindThemes.Result Result { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public string? SearchError { get; private set; }

    public string CsvLink => new PagerModel(1, 1, "/Listening/Themes", new Dictionary<string, string?> { ["q"] = Q, ["handler"] = "Csv" }).LinkTo(1).Replace("&page=1", "");

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await sender.Send(BuildQuery(), ct);
        CanManage = (await authorization.AuthorizeAsync(User, ListeningCapabilities.ManageThemes)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(BuildQuery(), ct);
        return CsvExport.File("themes", ["Theme", "Code", "Description", "Issues raised"],
            all.Themes.Select(t => (IReadOnlyList<string?>)[t.Name, t.Code, t.Description, t.Tagged.ToString()]), time);
    }

    private FindThemes.Query BuildQuery()
    {
        (var search, SearchError) = SearchBox.Read(Q);
        return new FindThemes.Query(search);
    }
}
