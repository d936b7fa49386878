using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Organising.Listening.Events;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// Create, Edit and Record share one form, and one way to choose people without script: the form's "Find" button
/// posts everything typed so far with a search, and each person found has buttons that post it again adding them as a
/// participant or as the host. Nothing is saved until the Save button. Pressing Enter in a field presses the form's
/// first button, a hidden "keep typing" one that only shows the form again, so a half-typed form is never saved.
/// </summary>
public abstract class EventFormModel(ISender sender, OrganisationSettingsCache settings) : PageModel
{
    protected ISender Sender { get; } = sender;

    [BindProperty] public RecordEvent.Command Input { get; set; } = new();

    /// <summary>The person search typed into the form.</summary>
    [BindProperty] public string? Find { get; set; }

    public GetEventForm.Result Form { get; private set; } = null!;
    public string? SearchError { get; private set; }
    public string? Notice { get; protected set; }

    /// <summary>Whether the form has the grid of rows heard (Record) or only the event (Create, Edit).</summary>
    public abstract bool ShowRows { get; }
    public abstract string Heading { get; }
    public abstract string SubmitLabel { get; }
    public abstract string CancelUrl { get; }

    /// <summary>Where the form posts (its query kept: the campaign or the event).</summary>
    public string Action => Request.Path + QueryString.Create(Request.Query.Where(q => !string.Equals(q.Key, "handler", StringComparison.OrdinalIgnoreCase)));

    public IEnumerable<SelectListItem> NetworkOptions => Form.Networks.Select(n => new SelectListItem(n.Name, n.Id.ToString()));

    public string Name(Guid personId) => Form.Names.GetValueOrDefault(personId, "(someone you cannot see)");

    /// <summary>The date-outside-the-campaign question is being asked (or was answered).</summary>
    public bool AsksToConfirm => Input.ConfirmOutsideCampaign || (ModelState.TryGetValue("Input.ConfirmOutsideCampaign", out var e) && e.Errors.Count > 0);

    public string[] Errors(string key) => ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage).ToArray() : [];

    /// <summary>
    /// Every handler runs with the command's <see cref="RecordEvent.Command.WithRows"/> fixed by the page (never by what
    /// was posted): before it is sent, and before the form is shown again.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Input.WithRows = ShowRows;
        base.OnPageHandlerExecuting(context);
    }

    /// <summary>Loads the form's choices for the campaign or event; false when it is not there for this user.</summary>
    protected async Task<bool> LoadFormAsync(Guid? campaignId, Guid? eventId, CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Find);
        var people = Input.ParticipantIds.Concat(Input.FacilitatorIds).Concat(Input.Rows.Where(r => r.TellerPersonId is not null).Select(r => r.TellerPersonId!.Value));
        if (Input.HostPersonId is { } host) people = people.Append(host);
        var form = await Sender.Send(new GetEventForm.Query(campaignId, eventId, search, people.Distinct().ToList()), ct);
        if (form is null) return false;
        Form = form;
        return true;
    }

    /// <summary>A new form: this campaign, its first network, a house meeting, the organisation's language.</summary>
    protected async Task StartNewAsync(CancellationToken ct)
    {
        var organisation = await settings.GetAsync(ct);
        Input = new RecordEvent.Command
        {
            CampaignId = Form.CampaignId,
            NetworkId = Form.Networks.FirstOrDefault()?.Id,
            Type = EventTypes.HouseMeeting,
            Language = OrganisationSettings.Languages.FirstOrDefault(l => l.Code == organisation.DefaultLanguage).Name,
        };
    }

    /// <summary>The grid: the rows as they are, then blank ones up to <see cref="RecordEvent.GridRows"/> (at least 10 blank).</summary>
    protected void PadRows()
    {
        if (!ShowRows) return;
        var blanks = Math.Max(10, RecordEvent.GridRows - Input.Rows.Count);
        for (var i = 0; i < blanks && Input.Rows.Count < RecordEvent.MaxRows; i++) Input.Rows.Add(new RecordEvent.Row());
    }

    /// <summary>Shows the form again as posted, with the people found for <see cref="Find"/>.</summary>
    public async Task<IActionResult> OnPostFindAsync(CancellationToken ct)
    {
        ModelState.Clear();
        return await ShowAgainAsync(ct);
    }

    /// <summary>Adds a person found as a participant, and shows the form again.</summary>
    public async Task<IActionResult> OnPostParticipantAsync([FromForm(Name = "person")] Guid? person, CancellationToken ct)
    {
        ModelState.Clear();
        if (person is { } id && !Input.ParticipantIds.Contains(id)) Input.ParticipantIds.Add(id);
        Find = null;
        return await ShowAgainAsync(ct);
    }

    /// <summary>Makes a person found the host, and shows the form again.</summary>
    public async Task<IActionResult> OnPostHostAsync([FromForm(Name = "person")] Guid? person, CancellationToken ct)
    {
        ModelState.Clear();
        if (person is { } id) Input.HostPersonId = id;
        Find = null;
        return await ShowAgainAsync(ct);
    }

    /// <summary>Enter pressed in a field: nothing is saved, everything typed is kept.</summary>
    public async Task<IActionResult> OnPostKeepAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Notice = "Nothing has been saved yet. Carry on typing, then press “" + SubmitLabel + "” when the form is complete.";
        return await ShowAgainAsync(ct);
    }

    protected abstract Task<IActionResult> ShowAgainAsync(CancellationToken ct);

    /// <summary>The blank rows typed into are kept in place; trailing blanks are topped up again.</summary>
    protected void TrimTrailingBlankRows()
    {
        while (Input.Rows.Count > 0 && Input.Rows[^1].IsBlank && Input.Rows[^1].Id is null) Input.Rows.RemoveAt(Input.Rows.Count - 1);
    }
}
