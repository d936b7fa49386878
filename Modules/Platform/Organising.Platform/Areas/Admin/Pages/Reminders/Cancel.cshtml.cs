using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;
using Organising.Platform.Reminders;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Reminders;

/// <summary>The confirmation step before cancelling a reminder; it returns to the list as it was filtered.</summary>
[Authorize(Policy = Capabilities.ManageReminders)]
public sealed class CancelModel(ISender sender, ReminderKinds kinds) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ListReminders.Row Reminder { get; private set; } = null!;

    public string KindName => kinds.Find(Reminder.Kind)?.Name ?? Reminder.Kind;

    public string BackLink => new PagerModel(1, 1, "/Admin/Reminders",
        new Dictionary<string, string?> { ["status"] = Status, ["kind"] = Kind, ["q"] = Q }).LinkTo(Paging.ClampPage(PageNumber));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetReminder.Query(id), ct) is not { } reminder) return NotFound();
        Reminder = reminder;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new GetReminder.Query(id), ct) is not { } reminder) return NotFound();
        Reminder = reminder;
        if (!(await sender.SendValidatedAsync(new ChangeReminder.Cancel { ReminderId = id }, ModelState, ct)).Succeeded) return Page();
        TempData.Flash($"The reminder to {reminder.Recipient} is cancelled and will not be sent.");
        return Redirect(BackLink);
    }
}
