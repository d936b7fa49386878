using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Web;

namespace Organising.Listening.Areas.Listening.Pages.Agenda;

/// <summary>
/// The people's agenda. Every signed-in role may read it (Observers too: it names nobody). It opts out of sign-in only
/// so that, once an Organiser has published it, anyone may read it without an account; until then an anonymous visitor
/// is sent to sign in. Organisers publish it or take it back in here, after confirming.
/// </summary>
[AllowAnonymous]
public sealed class AgendaModel(ISender sender, IAuthorizationService authorization, TimeProvider time) : PageModel
{
    public GetAgenda.Result Agenda { get; private set; } = null!;
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool CanPublish { get; private set; }

    [BindProperty] public PublishAgenda.Command Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (SignedIn && !(await authorization.AuthorizeAsync(User, ListeningCapabilities.ViewListening)).Succeeded) return Forbid();
        Agenda = await sender.Send(new GetAgenda.Query(), ct);
        if (!SignedIn && !Agenda.Published) return Challenge();
        CanPublish = SignedIn && (await authorization.AuthorizeAsync(User, ListeningCapabilities.ExportPersonalData)).Succeeded;
        return Page();
    }

    /// <summary>The agenda as a table for the trust board: the same rules as the page (it names nobody and quotes no story).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (SignedIn && !(await authorization.AuthorizeAsync(User, ListeningCapabilities.ViewListening)).Succeeded) return Forbid();
        var agenda = await sender.Send(new GetAgenda.Query(), ct);
        if (!SignedIn && !agenda.Published) return Challenge();
        return CsvExport.File("peoples-agenda", ["Position", "Issue", "Themes", "Points", "Stories", "Conversations", "People", "Networks"],
            agenda.Issues.Select((issue, i) => (IReadOnlyList<string?>)
            [
                (i + 1).ToString(), issue.Title, string.Join("; ", issue.Themes), issue.Points.ToString(), issue.Stories.ToString(),
                issue.Conversations.ToString(), issue.People.ToString(), issue.Networks.ToString(),
            ]),
            time);
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!SignedIn) return Challenge();
        if (!(await authorization.AuthorizeAsync(User, ListeningCapabilities.ExportPersonalData)).Succeeded) return Forbid();
        var sent = await sender.SendValidatedAsync(Input, ModelState, ct);
        if (sent.Succeeded)
        {
            TempData.Flash(Input.Publish ? "The people's agenda is published: anyone can read it at this address." : "The people's agenda is for signed-in users only again.");
            return Redirect("/Listening/Agenda");
        }
        return await OnGetAsync(ct);
    }
}
