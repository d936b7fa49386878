using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.People;

[Authorize(Policy = NetworksCapabilities.AddPeople)]
public sealed class CreateModel(ISender sender) : PersonFormModel
{
    public override bool IsCreate => true;
    public override string SubmitLabel => "Add the person";
    public override string CancelUrl => "/Networks/People";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Options = (await sender.Send(new GetPersonForm.Query(null), ct))!;
        PadAffiliations();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        if (ModelState.IsValid)
        {
            try
            {
                var id = await sender.Send(Input, ct);
                TempData.Flash($"{Input.FullName.Trim()} added.");
                return Redirect($"/Networks/People/Details/{id}");
            }
            catch (ValidationFailedException ex)
            {
                ShowRefusal(ex);
            }
        }
        Options = (await sender.Send(new GetPersonForm.Query(null), ct))!;
        PadAffiliations();
        return Page();
    }
}
