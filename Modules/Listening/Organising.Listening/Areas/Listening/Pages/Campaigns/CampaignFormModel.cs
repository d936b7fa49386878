using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>The start and edit pages share one form.</summary>
public abstract class CampaignFormModel(ISender sender) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public SaveCampaign.Command Input { get; set; } = new();

    public GetCampaignForm.Form Form { get; protected set; } = null!;

    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    public static IEnumerable<SelectListItem> StatusOptions => CampaignStatuses.All.Select(s => new SelectListItem(CampaignStatuses.Describe(s), s));

    public IEnumerable<SelectListItem> TeamOptions
    {
        get
        {
            var options = Form.Teams.Select(t => new SelectListItem(t.Name, t.Id.ToString()));
            return Form.Teams.Count == 1 ? options : options.Prepend(new SelectListItem("Choose a team", ""));
        }
    }

    /// <summary>Loads the form's choices; false when the campaign being edited is not there for this user.</summary>
    protected async Task<bool> LoadFormAsync(Guid? campaignId, CancellationToken ct)
    {
        if (await Sender.Send(new GetCampaignForm.Query(campaignId), ct) is not { } form) return false;
        Form = form;
        return true;
    }
}
