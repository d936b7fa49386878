using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

[Authorize(Policy = TeamsCapabilities.RecordOneToOnes)]
public sealed class CreateModel(ISender sender, OrganisationSettingsCache settings, TimeProvider time) : OneToOneFormModel(sender, settings)
{
    public override string SubmitLabel => "Record the one-to-one";
    public override string CancelUrl => "/Teams/OneToOnes";
    public override string PagePath => "/Teams/OneToOnes/Create";

    /// <summary>A team's page can start the form with that team chosen.</summary>
    [FromQuery(Name = "teamId")] public Guid? TeamId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadFormAsync(null, PersonId, ct)) return NotFound();
        Input.MetPersonId = Form.Person?.Id;
        Input.TeamId = TeamId is { } team && Form.Teams.Any(t => t.Id == team) ? team : Form.Teams.Count == 1 ? Form.Teams[0].Id : null;
        Input.HeldBy = Form.OwnPersonId;
        Input.MetAt = LocalNow(time);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash(Input.FollowUpOn is null ? "One-to-one recorded." : "One-to-one recorded. A reminder to follow up is set for the follow-up date.");
            return Redirect($"/Teams/OneToOnes/Details/{sent.Value}");
        }
        return await LoadFormAsync(null, Input.MetPersonId, ct) ? Page() : NotFound();
    }
}
