using Microsoft.AspNetCore.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Identity;

internal static class IdentityErrors
{
    /// <summary>Identity's refusals as field messages: password rules beside the password, the rest at the top.</summary>
    public static ValidationFailedException ToValidation(this IdentityResult result, string passwordField = "Password") =>
        new(result.Errors.Select(e => new FieldError(
            e.Code.StartsWith("Password", StringComparison.Ordinal) ? passwordField : e.Code.Contains("Email", StringComparison.Ordinal) ? "Email" : "",
            e.Code switch
            {
                "PasswordTooShort" => $"Use at least {PasswordRules.MinimumLength} characters.",
                "PasswordRequiresUniqueChars" => "Use at least 4 different characters.",
                "DuplicateEmail" or "DuplicateUserName" => "There is already an account with this e-mail address.",
                _ => e.Description,
            })).ToList());
}
