using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Organising.Platform.Calendar;

namespace Organising.Platform.Pages.Calendar;

/// <summary>
/// A user's calendar feed, for calendar apps, which send no cookie: the secret token in the address is the only key.
/// Any token that does not open a feed gets the site's ordinary 404, so nothing tells whether it ever existed.
/// </summary>
[AllowAnonymous]
public sealed class FeedModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token, CancellationToken ct)
    {
        var feed = await sender.Send(new RenderCalendarFeed.Query(token), ct);
        if (feed is null) return NotFound();
        // Calendar apps poll; five minutes spares the database without leaving a changed event stale for long.
        Response.Headers.CacheControl = "private, max-age=300";
        return Content(feed, IcalFeed.ContentType);
    }
}
