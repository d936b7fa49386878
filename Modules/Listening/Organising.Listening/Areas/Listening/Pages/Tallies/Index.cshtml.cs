using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Tallies;

/// <summary>
/// /Listening/Tallies/{campaignId}: a campaign's numbers, each as a chart with a table of the same numbers beside it.
/// Everyone who may see the campaign sees them whole (Observers too: there are no names and no story text).
/// </summary>
[Authorize(Policy = ListeningCapabilities.ViewListening)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization) : PageModel
{
    public GetTallies.Tallies Tallies { get; private set; } = null!;
    public string ConversationsSvg { get; private set; } = "";
    public string ThemesSvg { get; private set; } = "";
    public string NetworksSvg { get; private set; } = "";
    public string TypesSvg { get; private set; } = "";
    public string WeeksSvg { get; private set; } = "";
    /// <summary>The user records listening (everyone but an Observer): prints the form and sees everything heard.</summary>
    public bool CanRecord { get; private set; }

    public static string WeekLabel(DateOnly week) => week.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    public async Task<IActionResult> OnGetAsync(Guid campaignId, CancellationToken ct)
    {
        if (await sender.Send(new GetTallies.Query(campaignId), ct) is not { } tallies) return NotFound();
        Tallies = tallies;
        CanRecord = (await authorization.AuthorizeAsync(User, ListeningCapabilities.RecordListening)).Succeeded;
        var name = tallies.Campaign.Name;
        ConversationsSvg = Charts.BarsSvg("conversations-chart", $"Conversations in {name} against the target",
            [("Held", tallies.Conversations), ("Target", tallies.Campaign.Target)], "Conversations");
        if (tallies.Raised > 0)
        {
            ThemesSvg = Charts.BarsSvg("themes-chart", $"Issues raised in {name} by theme",
                tallies.ByTheme.Where(t => t.Raised > 0).Select(t => (t.Name, t.Raised)).ToList(), "Issues raised", horizontal: true);
        }
        if (tallies.Conversations > 0)
        {
            NetworksSvg = Charts.BarsSvg("networks-chart", $"Issues raised in {name} by network", tallies.ByNetwork.Select(n => (n.Label, n.Raised)).ToList(), "Issues raised");
            TypesSvg = Charts.BarsSvg("types-chart", $"Issues raised in {name} by type of event", tallies.ByType.Select(n => (n.Label, n.Raised)).ToList(), "Issues raised",
                horizontal: true);
            WeeksSvg = Charts.LinesSvg("weeks-chart", $"Events and issues raised in {name} per week", tallies.Weeks.Select(w => WeekLabel(w.WeekStarting)).ToList(),
                [("Events", tallies.Weeks.Select(w => w.Events).ToList()), ("Issues raised", tallies.Weeks.Select(w => w.Raised).ToList())], "Count");
        }
        return Page();
    }
}
