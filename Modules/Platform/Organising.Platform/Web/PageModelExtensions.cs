using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Web;

public static class PageModelExtensions
{
    /// <summary>Puts each refused field's message beside that field ("Input.Email"), the rest at the top of the form.</summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, ValidationFailedException ex, string prefix = "Input")
    {
        foreach (var error in ex.Errors)
        {
            var key = string.IsNullOrEmpty(error.Field) ? "" : string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}";
            modelState.AddModelError(key, error.Message);
        }
    }

    public static void Flash(this ITempDataDictionary tempData, string message, FlashKind kind = FlashKind.Success)
    {
        tempData[FlashKeys.Message] = message;
        tempData[FlashKeys.Kind] = kind.ToString().ToLowerInvariant();
    }
}

public enum FlashKind { Success, Info, Warning, Danger }

public static class FlashKeys
{
    public const string Message = "flash.message";
    public const string Kind = "flash.kind";
}
