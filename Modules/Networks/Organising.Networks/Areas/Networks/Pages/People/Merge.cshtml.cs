using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Networks.Areas.Networks.Pages.Duplicates;
using Organising.Networks.Contracts;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// Merging two records of one person: without <c>with</c>, pick the other record (suggested duplicates or a search);
/// with it, compare them side by side, choose which survives, confirm, and merge.
/// </summary>
[Authorize(Policy = NetworksCapabilities.MergeAndErase)]
public sealed class MergeModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? With { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public MergePeople.Command Input { get; set; } = new();

    public GetPerson.Details Person { get; private set; } = null!;
    public GetPerson.Details? Other { get; private set; }
    public IReadOnlyList<FindDuplicates.Pair> Suggestions { get; private set; } = [];
    public IReadOnlyList<PersonSummary> Found { get; private set; } = [];
    public string? SearchError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Other is null)
        {
            Suggestions = (await sender.Send(new FindDuplicates.Query(1, 20, id), ct)).Pairs.Items;
            if (!string.IsNullOrWhiteSpace(Q))
            {
                (var text, SearchError) = SearchBox.Read(Q);
                if (text is not null) Found = (await sender.Send(new SearchPeople(text, 21), ct)).Where(p => p.Id != id).Take(20).ToList();
            }
        }
        else
        {
            Input.SurvivorId = id;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Other is null) return NotFound();
        if (Input.SurvivorId != id && Input.SurvivorId != Other.Person.Id)
        {
            ModelState.AddModelError("Input.SurvivorId", "Choose which record to keep.");
            return Page();
        }
        Input.DuplicateId = Input.SurvivorId == id ? Other.Person.Id : id;
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded) return Page();
        TempData.Flash("The records are merged: everything from both is on this one.");
        return Redirect($"/Networks/People/Details/{Input.SurvivorId}");
    }

    /// <summary>Null when the page can be shown; otherwise the answer to give instead (404, or the merged record's survivor).</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPerson.Query(id), ct) is not { } person) return NotFound();
        if (person.Person.MergedInto is { } survivor) return Redirect($"/Networks/People/{survivor}/Merge");
        if (person.Person.ErasedAt is not null) return Redirect($"/Networks/People/Details/{id}");
        Person = person;
        if (With is { } with)
        {
            if (with == id) return Redirect($"/Networks/People/{id}/Merge");
            if (await sender.Send(new GetPerson.Query(with), ct) is not { IsCurrent: true } other) return NotFound();
            Other = other;
        }
        return null;
    }
}
