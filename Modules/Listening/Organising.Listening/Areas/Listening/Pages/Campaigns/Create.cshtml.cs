using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>Starting a campaign: Organisers with any team, a Leader with a team they lead.</summary>
[Authorize(Policy = ListeningCapabilities.ManageCampaigns)]
public sealed class CreateModel(ISender sender) : CampaignFormModel(sender)
{
    public override string SubmitLabel => "Start the campaign";
    public override string CancelUrl => "/Listening";

    public bool IsOrganiser => User.IsInRole(Organising.Platform.Identity.Roles.Organiser) || User.IsInRole(Organising.Platform.Identity.Roles.Administrator);

    /// <summary>Sensible defaults: active from today for three months, 100 conversations, the team's own network ticked. A team's page can pass <paramref name="team"/>.</summary>
    public async Task OnGetAsync(Guid? team, CancellationToken ct)
    {
        await LoadFormAsync(null, ct);
        var chosen = Form.Teams.FirstOrDefault(t => t.Id == team) ?? (Form.Teams.Count == 1 ? Form.Teams[0] : null);
        Input = new SaveCampaign.Command
        {
            TeamId = chosen?.Id,
            NetworkIds = chosen?.NetworkId is { } network && Form.Networks.Any(n => n.Id == network) ? [network] : [],
            StartsOn = Form.Today,
            EndsOn = Form.Today.AddMonths(3),
            TargetConversations = 100,
            Status = CampaignStatuses.Active,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.Id = null;
        var sent = await Sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash($"Listening campaign “{sent.Value.Name}” started. Now schedule its first conversations.");
            return Redirect($"/Listening/Campaigns/Details/{sent.Value.Id}");
        }
        await LoadFormAsync(null, ct);
        return Page();
    }
}
