using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Web;

namespace Organising.Platform.Pages;

public static class CreateFirstAdministrator
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters for the e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(PasswordRules.MaximumLength, ErrorMessage = "Use at most 128 characters for the password.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Enter the password again.")]
        public string ConfirmPassword { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (Password != ConfirmPassword) yield return new FieldError(nameof(ConfirmPassword), "The two passwords are not the same.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.Setup, "user", response?.ToString(), "First Administrator created at setup.");
    }

    internal sealed class Handler(
        DbSession session,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        SetupState state) : ICommandHandler<Command, Guid>
    {
        private const string AnyUserSql = "SELECT EXISTS (SELECT 1 FROM platform_user)";

        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            // Inside the write transaction, so two people racing through setup cannot both win.
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(AnyUserSql, transaction: session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException("", "Setup has already been completed. Sign in instead.");
            }

            var user = new AppUser
            {
                UserName = command.Email.Trim(),
                Email = command.Email.Trim(),
                DisplayName = command.DisplayName.Trim(),
                Role = Roles.Administrator,
            };
            var result = await users.CreateAsync(user, command.Password);
            if (!result.Succeeded) throw result.ToValidation();

            session.AfterCommit(state.MarkHasUsers);
            await signIn.SignInAsync(user, isPersistent: false);
            return user.Id;
        }
    }
}
