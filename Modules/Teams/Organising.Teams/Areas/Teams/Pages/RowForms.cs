using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>
/// Pages with a small form on each row (add this person, move that recruit) have no field to put a message beside,
/// so a refusal's messages go to the top of the page, where &lt;form-errors /&gt; shows them.
/// </summary>
internal static class RowForms
{
    public static void MoveErrorsToTop(ModelStateDictionary modelState)
    {
        var messages = modelState.Where(kv => kv.Key != "").SelectMany(kv => kv.Value?.Errors ?? []).Select(e => e.ErrorMessage).ToList();
        foreach (var key in modelState.Keys.Where(k => k != "").ToList()) modelState.Remove(key);
        foreach (var message in messages) modelState.AddModelError("", string.IsNullOrEmpty(message) ? "That could not be read. Please try again." : message);
    }
}
