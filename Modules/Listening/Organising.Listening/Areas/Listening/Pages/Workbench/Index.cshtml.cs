using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Listening.Areas.Listening.Pages.Candidates;
using Organising.Listening.Issues;
using Organising.Platform.Web;

using Organising.Listening.Events;

namespace Organising.Listening.Areas.Listening.Pages.Workbench;

/// <summary>
/// The issue-cutting workbench of one campaign. The finder's ticked rows start a candidate (on to the create page) or
/// are added to an existing one (<see cref="LinkRaised"/>). Anyone who does not manage the campaign gets "not found".
/// </summary>
[Authorize(Policy = ListeningCapabilities.CutIssues)]
public sealed class WorkbenchModel(ISender sender, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Theme { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public GetWorkbench.Result Result { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public string? FilterWarning { get; private set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Theme);

    public IReadOnlyDictionary<string, string?> Filters => new Dictionary<string, string?> { ["q"] = Q, ["theme"] = Theme };

    public string Path => $"/Listening/Workbench/{Result.Campaign.Id}";

    public string CsvLink => new PagerModel(1, 1, Path, Filters.Append(new("handler", "Csv")).ToDictionary()).LinkTo(1);

    public async Task<IActionResult> OnGetAsync(Guid campaignId, CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(campaignId, Paging.DefaultPageSize), ct) is not { } result) return NotFound();
        Result = result;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid campaignId, CancellationToken ct)
    {
        if (await sender.Send(BuildQuery(campaignId, null), ct) is not { } result) return NotFound();
        return CsvExport.File("issues-raised", ["Issue raised", "Themes", "Event", "Held on", "Stories behind it", "In candidate issues"],
            result.Raised.Items.Select(r => (IReadOnlyList<string?>)
            [
                r.Text, string.Join("; ", r.Themes), EventTypes.Describe(r.EventType), r.HeldOn, r.Stories.ToString(), r.Candidates.ToString(),
            ]),
            time);
    }

    public async Task<IActionResult> OnGetCandidatesCsvAsync(Guid campaignId, CancellationToken ct)
    {
        // The candidates do not depend on the finder's filters: the unfiltered first page (usually kept) holds them.
        if (await sender.Send(new GetWorkbench.Query(campaignId, null, null, 1), ct) is not { } result) return NotFound();
        return CsvExport.File("candidate-issues", ["Candidate issue", "Status", "Score", "Criteria scored", "Votes", "Points", "Issues raised", "Stories"],
            result.Candidates.Select(c => (IReadOnlyList<string?>)
            [
                c.Title, CandidateStatuses.Describe(c.Status), c.TotalScore.ToString(), c.Scored.ToString(), c.Votes.ToString(), c.Points.ToString(),
                c.RaisedCount.ToString(), c.StoryCount.ToString(),
            ]),
            time);
    }

    /// <summary>Starts a candidate from the ticked rows: on to the create page, which shows them and asks for a title.</summary>
    public async Task<IActionResult> OnPostStartAsync(Guid campaignId, List<Guid> raisedIds, CancellationToken ct)
    {
        if (raisedIds.Count == 0)
        {
            ModelState.Clear();
            ModelState.AddModelError("", "Tick the issues raised to start a candidate issue from.");
            return await OnGetAsync(campaignId, ct);
        }
        var query = string.Join("&", raisedIds.Distinct().Take(200).Select(id => $"raised={id}"));
        return Redirect($"/Listening/Candidates/Create?campaign={campaignId}&{query}");
    }

    public async Task<IActionResult> OnPostAddAsync(Guid campaignId, LinkRaised.Command input, CancellationToken ct)
    {
        var sent = await sender.SendValidatedAsync(input, ModelState, ct, prefix: "");
        var messages = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).ToList();
        if (sent.Succeeded)
        {
            TempData.Flash(sent.Value == 0 ? "Those issues raised were already linked to it." : $"{Words.Count(sent.Value, "issue raised", "issues raised")} added to the candidate issue.");
            return Redirect($"/Listening/Candidates/Details/{input.CandidateId}");
        }
        ModelState.Clear();
        foreach (var message in messages) ModelState.AddModelError("", string.IsNullOrEmpty(message) ? "That could not be read. Please try again." : message);
        if (messages.Contains(CandidateAccess.NotFound)) ModelState.AddModelError("", "Choose one of this campaign's candidate issues.");
        return await OnGetAsync(campaignId, ct);
    }

    private GetWorkbench.Query BuildQuery(Guid campaignId, int? pageSize)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        Guid? theme = null;
        if (!string.IsNullOrEmpty(Theme))
        {
            if (Guid.TryParse(Theme, out var parsed)) theme = parsed;
            else { Theme = null; FilterWarning = "The theme filter could not be read and was ignored."; }
        }
        return new GetWorkbench.Query(campaignId, search, theme, Paging.ClampPage(PageNumber), pageSize);
    }
}
