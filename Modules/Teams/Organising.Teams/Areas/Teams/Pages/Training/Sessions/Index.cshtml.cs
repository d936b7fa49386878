using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;
using Organising.Teams.Training;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// /Teams/Training/Sessions/{id}: the session, its places and waiting list, enrolling and withdrawing, attendance,
/// and /Teams/Training/Sessions/{id}/SignInSheet, the printable PDF.
/// </summary>
[Authorize(Policy = TeamsCapabilities.ViewTraining)]
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Search { get; set; }

    public GetSession.Details Session { get; private set; } = null!;
    public string? SearchError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Search);
        if (await sender.Send(new GetSession.Query(id, search), ct) is not { } session) return NotFound();
        Session = session;
        return Page();
    }

    public async Task<IActionResult> OnGetSignInSheetAsync(Guid id, CancellationToken ct)
    {
        if (await sender.Send(new PrintSignInSheet.Query(id), ct) is not { } sheet) return NotFound();
        return File(sheet.Pdf, "application/pdf", sheet.FileName);
    }

    public Task<IActionResult> OnPostEnrolMeAsync(Guid id, CancellationToken ct) => EnrolAsync(id, null, ct);

    public Task<IActionResult> OnPostEnrolAsync(Guid id, Guid personId, CancellationToken ct) => EnrolAsync(id, personId, ct);

    public Task<IActionResult> OnPostWithdrawMeAsync(Guid id, CancellationToken ct) => WithdrawAsync(id, null, ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid personId, CancellationToken ct) => WithdrawAsync(id, personId, ct);

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, List<Guid> attended, CancellationToken ct)
    {
        return await RunAsync(id, async () =>
        {
            var result = await sender.Send(new MarkAttendance.Command { SessionId = id, Attended = attended }, ct);
            return $"Attendance saved: {result.Attended} attended, {result.Absent} did not.";
        });
    }

    private Task<IActionResult> EnrolAsync(Guid id, Guid? personId, CancellationToken ct) => RunAsync(id, async () =>
    {
        var result = await sender.Send(new Enrol.Command(id, personId), ct);
        var who = personId is null ? "You are" : $"{result.PersonName} is";
        return (result.IsWaiting, result.WasAlready) switch
        {
            (false, true) => $"{who} already enrolled.",
            (false, false) => personId is null ? "You are enrolled. We will remind you 2 days and 2 hours before." : $"{result.PersonName} is enrolled.",
            (true, true) => $"{who} already number {result.Position} on the waiting list.",
            (true, false) => $"The session is full: {(personId is null ? "you are" : result.PersonName + " is")} number {result.Position} on the waiting list.",
        };
    }, FlashKind.Info);

    private Task<IActionResult> WithdrawAsync(Guid id, Guid? personId, CancellationToken ct) => RunAsync(id, async () =>
    {
        var result = await sender.Send(new Withdraw.Command(id, personId), ct);
        var message = personId is null ? "You have withdrawn from the session." : $"{result.PersonName} has been withdrawn.";
        if (result.MovedUp.Count > 0) message += $" {string.Join(", ", result.MovedUp)} moved up from the waiting list.";
        return message;
    });

    /// <summary>Runs a command and comes back to the session page with what happened; a refusal is shown there too.</summary>
    private async Task<IActionResult> RunAsync(Guid id, Func<Task<string>> work, FlashKind kind = FlashKind.Success)
    {
        try
        {
            TempData.Flash(await work(), kind);
        }
        catch (SessionNotFoundException)
        {
            return NotFound();
        }
        catch (ValidationFailedException ex)
        {
            TempData.Flash(ex.Message, FlashKind.Danger);
        }
        return Redirect($"/Teams/Training/Sessions/{id}");
    }
}
