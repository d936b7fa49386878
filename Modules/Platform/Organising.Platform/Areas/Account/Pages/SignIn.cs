using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Audit;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Account.Pages;

public static class SignIn
{
    /// <summary>Null when signed in; otherwise the refusal to show. A refusal is an answer, not an error, so the
    /// failed-attempt count, lockout and audit entry it wrote are committed (throwing would roll them back).</summary>
    public sealed class Command : ICommand<string?>
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters for the e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most 128 characters for the password.")]
        public string Password { get; set; } = "";
    }

    public const string WrongCredentials = "That e-mail address and password do not match an account.";
    public const string LockedOut = "Too many wrong passwords: this account is locked for 15 minutes. You can reset your password now instead.";

    internal sealed class Handler(SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, TimeProvider time)
        : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command command, CancellationToken ct)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            if (user is null)
            {
                // Same answer as a wrong password: the form must not reveal who has an account.
                return WrongCredentials;
            }

            var result = await signIn.PasswordSignInAsync(user, command.Password, isPersistent: false, lockoutOnFailure: true);
            var subject = user.Id.ToString();
            if (result.Succeeded)
            {
                user.LastSignInAt = time.GetUtcNow();
                await users.UpdateAsync(user);
                await audit.WriteAsync(new AuditEntry(AuditKinds.SignIn, "user", subject, "Signed in."), ct, user.Id, user.DisplayName);
                return null;
            }
            if (result.IsLockedOut)
            {
                await audit.WriteAsync(new AuditEntry(AuditKinds.LockedOut, "user", subject, "Sign-in refused: account locked after repeated wrong passwords."), ct, user.Id, user.DisplayName);
                return LockedOut;
            }
            await audit.WriteAsync(new AuditEntry(AuditKinds.SignInFailed, "user", subject,
                result.IsNotAllowed ? "Sign-in refused: account disabled." : "Sign-in failed: wrong password."), ct, user.Id, user.DisplayName);
            return WrongCredentials;
        }
    }
}
