using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>Anyone who may add people may edit those they can see; the query answers 404 for anyone else's.</summary>
[Authorize(Policy = NetworksCapabilities.AddPeople)]
public sealed class EditModel(ISender sender) : PersonFormModel
{
    public Guid PersonId { get; private set; }
    public override bool IsCreate => false;
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Networks/People/Details/{PersonId}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPersonForm.Query(id), ct) is not { } form) return NotFound();
        PersonId = id;
        Options = form;
        Input = form.Input;
        PadAffiliations();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetPersonForm.Query(id), ct) is not { } form) return NotFound();
        PersonId = id;
        Options = form;
        Input.Id = id;
        Input.ConsentsGiven = [];
        if (ModelState.IsValid)
        {
            try
            {
                await sender.Send(Input, ct);
                TempData.Flash("Changes saved.");
                return Redirect($"/Networks/People/Details/{id}");
            }
            catch (ValidationFailedException ex)
            {
                ShowRefusal(ex);
            }
        }
        PadAffiliations();
        return Page();
    }
}
