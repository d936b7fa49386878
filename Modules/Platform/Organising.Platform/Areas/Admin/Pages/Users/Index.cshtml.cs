using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

[Authorize(Policy = Capabilities.InviteUsers)]
public sealed class IndexModel(ISender sender, IAuthorizationService authorization, TimeProvider time, OrganisationTime localTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [FromQuery(Name = "page")] public int? PageNumber { get; set; }

    public ListUsers.Result Result { get; private set; } = null!;
    public bool CanManage { get; private set; }
    public string? SearchError { get; private set; }
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct)
    {
        (var search, SearchError) = SearchBox.Read(Q);
        Result = await sender.Send(new ListUsers.Query(search, Paging.ClampPage(PageNumber), Paging.DefaultPageSize), ct);
        CanManage = (await authorization.AuthorizeAsync(User, Capabilities.ManageUsers)).Succeeded;
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var all = await sender.Send(new ListUsers.Query(SearchBox.Read(Q).Text, 1, null), ct);
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var u in all.Users.Items)
        {
            rows.Add([u.DisplayName, u.Email, u.Role, Status(u), await localTime.FormatAsync(u.CreatedAt, "yyyy-MM-dd HH:mm"), await localTime.FormatAsync(u.LastSignInAt, "yyyy-MM-dd HH:mm")]);
        }
        return CsvExport.File("users", ["Name", "E-mail", "Role", "Status", "Created", "Last signed in"], rows, time);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new RevokeInvitation.Command { InvitationId = id }, ct);
            TempData.Flash("The invitation has been withdrawn; its link no longer works.");
        }
        catch (ValidationFailedException ex)
        {
            TempData.Flash(ex.Message, FlashKind.Warning);
        }
        return RedirectToPage();
    }

    public static string Status(ListUsers.Row user) =>
        user.IsDisabled ? "Disabled" : user.LockoutEnd > DateTimeOffset.UtcNow ? "Locked (wrong passwords)" : "Active";
}
