using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

[Authorize(Policy = NetworksCapabilities.EditInstitutions)]
public sealed class EditModel(ISender sender) : InstitutionFormModel(sender)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Networks/Institutions/Details/{Form.Institution!.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(id, ct)) return NotFound();
        var saved = Form.Institution!;
        Input = new SaveInstitution.Command
        {
            Id = id, Name = saved.Name, Type = saved.Type, Membership = saved.Membership, Address = saved.Address, Postcode = saved.Postcode,
            MainContactId = saved.MainContactId, NetworkIds = saved.NetworkIds.ToList(), Notes = saved.Notes,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        if ((await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            TempData.Flash("Changes saved.");
            return Redirect($"/Networks/Institutions/Details/{id}");
        }
        return await LoadFormAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFindContactAsync(Guid id, CancellationToken ct)
    {
        return await LoadFormAsync(id, ct, search: true) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRestoreAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await Sender.Send(new ArchiveInstitution.Command { InstitutionId = id, Archive = false }, ct);
        }
        catch (ValidationFailedException)
        {
            return NotFound();
        }
        TempData.Flash("The institution is current again.");
        return Redirect($"/Networks/Institutions/Details/{id}");
    }
}
