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

/// <summary>The outcome of a form's command: refused (messages are in ModelState) or done with its result.</summary>
public readonly record struct Sent<T>(bool Succeeded, T Value);

public static class ValidatedSend
{
    /// <summary>
    /// The one way a page sends its form's command: not at all if the binder already found errors,
    /// and a refusal's messages go beside the fields (<paramref name="prefix"/>.Field) instead of an error page.
    /// </summary>
    public static async Task<Sent<T>> SendValidatedAsync<T>(this Mediator.ISender sender, Mediator.ICommand<T> command,
        ModelStateDictionary modelState, CancellationToken ct, string prefix = "Input")
    {
        if (!modelState.IsValid) return new Sent<T>(false, default!);
        try
        {
            return new Sent<T>(true, await sender.Send(command, ct));
        }
        catch (ValidationFailedException ex)
        {
            modelState.AddFieldErrors(ex, prefix);
            return new Sent<T>(false, default!);
        }
    }
}
