using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>The confirmation page for erasing a person's data, and the erasure itself.</summary>
[Authorize(Policy = NetworksCapabilities.MergeAndErase)]
public sealed class EraseModel(ISender sender) : PageModel
{
    [BindProperty] public ErasePerson.Command Input { get; set; } = new();

    public GetPerson.Details Person { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } refused) return refused;
        if (Person.Person.ErasedAt is not null) return Page();
        Input.PersonId = id;
        if (!(await sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded) return Page();
        TempData.Flash("Their data is erased. The record now says nothing about who they were; their consent history is kept.");
        return Redirect($"/Networks/People/Details/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPerson.Query(id), ct) is not { } person) return NotFound();
        if (person.Person.MergedInto is { } survivor) return Redirect($"/Networks/People/{survivor}/Erase");
        Person = person;
        return null;
    }
}
