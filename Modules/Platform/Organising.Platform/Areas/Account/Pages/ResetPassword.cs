using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Audit;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Account.Pages;

public static class ResetPassword
{
    public const string InvalidLink = "This reset link has expired or has already been used. Ask for a new one from the sign-in page.";

    public sealed class Command : ICommand<Unit>, IValidatable
    {
        public Guid UserId { get; set; }

        [StringLength(2000, ErrorMessage = InvalidLink)]
        public string Token { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most 128 characters for the password.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the new password again.")]
        public string ConfirmPassword { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (Password != ConfirmPassword) yield return new FieldError(nameof(ConfirmPassword), "The two passwords are not the same.");
        }
    }

    internal sealed class Handler(UserManager<AppUser> users, AuditLog audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await users.FindByIdAsync(command.UserId.ToString());
            if (user is null || user.IsDisabled || string.IsNullOrEmpty(command.Token)) throw new ValidationFailedException("", InvalidLink);

            var result = await users.ResetPasswordAsync(user, command.Token, command.Password);
            if (!result.Succeeded)
            {
                if (result.Errors.Any(e => e.Code == "InvalidToken")) throw new ValidationFailedException("", InvalidLink);
                throw result.ToValidation();
            }
            // A proven owner of the mailbox should not stay locked out by someone else's guesses.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            await audit.WriteAsync(new AuditEntry(AuditKinds.PasswordReset, "user", user.Id.ToString(), "Password reset through an e-mailed link."), ct, user.Id, user.DisplayName);
            return Unit.Value;
        }
    }
}
