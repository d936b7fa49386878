using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

[Authorize(Policy = TeamsCapabilities.RecordOneToOnes)]
public sealed class EditModel(ISender sender, OrganisationSettingsCache settings) : OneToOneFormModel(sender, settings)
{
    public override string SubmitLabel => "Save changes";
    public override string CancelUrl => $"/Teams/OneToOnes/Details/{Form.Saved!.Id}";
    public override string PagePath => $"/Teams/OneToOnes/Edit/{Form.Saved!.Id}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadFormAsync(id, PersonId, ct)) return NotFound();
        var saved = Form.Saved!;
        Input = new SaveOneToOne.Command
        {
            Id = id, MetPersonId = Form.Person?.Id ?? saved.MetPersonId, HeldBy = saved.HeldBy, TeamId = saved.TeamId,
            MetAt = TimeZoneInfo.ConvertTime(saved.MetAt, Zone).DateTime, Place = saved.Place, Story = saved.Story,
            SelfInterest = saved.SelfInterest, Talents = saved.Talents, Leads = saved.Leads, NextAsk = saved.NextAsk, FollowUpOn = saved.FollowUpOn,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.Id = id;
        if ((await Sender.SendValidatedAsync(Input, ModelState, ct)).Succeeded)
        {
            TempData.Flash("Changes saved.");
            return Redirect($"/Teams/OneToOnes/Details/{id}");
        }
        return await LoadFormAsync(id, Input.MetPersonId, ct) ? Page() : NotFound();
    }
}
