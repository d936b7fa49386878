using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Reminders;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Me.Pages.Reminders;

/// <summary>/Me/Reminders: which kinds of reminder the user gets, how long before, and their quiet hours.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty] public SaveMyReminderPreferences.Command Input { get; set; } = new();

    public GetMyReminderPreferences.Result Preferences { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Preferences = await sender.Send(new GetMyReminderPreferences.Query(), ct);
        var quiet = Preferences.QuietHours;
        Input = new SaveMyReminderPreferences.Command
        {
            Kinds = Preferences.Kinds.Select(StoredChoice).ToList(),
            QuietEnabled = quiet.Enabled,
            QuietStarts = quiet.Starts.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            QuietEnds = quiet.Ends.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (!sent.Succeeded)
        {
            // Shown again as typed, with the messages; kinds missing from the form are shown as stored.
            Preferences = await sender.Send(new GetMyReminderPreferences.Query(), ct);
            Input.Kinds.AddRange(Preferences.Kinds.Where(k => Input.Kinds.All(c => c.Kind != k.Id)).Select(StoredChoice));
            return Page();
        }
        TempData.Flash(sent.Value.EventsRescheduled switch
        {
            0 => "Your reminder choices are saved.",
            1 => "Your reminder choices are saved. The reminders for 1 upcoming event now follow them.",
            var n => $"Your reminder choices are saved. The reminders for {n} upcoming events now follow them.",
        });
        return RedirectToPage();
    }

    public ReminderKind? KindOf(string id) => Preferences.Kinds.FirstOrDefault(k => k.Id == id);

    private SaveMyReminderPreferences.KindChoice StoredChoice(ReminderKind kind)
    {
        var chosen = Preferences.PreferenceFor(kind);
        return new SaveMyReminderPreferences.KindChoice
        {
            Kind = kind.Id, Enabled = chosen.Enabled, LeadMinutes = chosen.LeadTimes.Select(t => (int)t.TotalMinutes).ToList(),
        };
    }
}
