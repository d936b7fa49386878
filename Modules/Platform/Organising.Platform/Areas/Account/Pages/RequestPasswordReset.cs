using System.ComponentModel.DataAnnotations;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Audit;
using Organising.Platform.Identity;
using Organising.Platform.Messaging;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Account.Pages;

public static class RequestPasswordReset
{
    public sealed class Command : ICommand<Unit>
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters for the e-mail address.")]
        public string Email { get; set; } = "";
    }

    internal sealed class Handler(
        UserManager<AppUser> users,
        IMessageSender messages,
        LinkBuilder links,
        OrganisationSettingsCache settings,
        AuditLog audit) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var user = await users.FindByEmailAsync(command.Email.Trim());
            // Unknown and disabled addresses get the same answer, and no e-mail.
            if (user is null || user.IsDisabled) return Unit.Value;

            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = links.Absolute($"/Account/ResetPassword?user={user.Id}&token={Uri.EscapeDataString(token)}");
            var organisation = (await settings.GetAsync(ct)).Name;
            try
            {
                await messages.SendAsync(new OutgoingMessage(user.Email, user.DisplayName, $"Reset your password for {organisation}",
                    $"""
                    Hello {user.DisplayName},

                    Someone asked to reset the password of your {organisation} account. To choose a new password, open this link within 2 hours:

                    {link}

                    If it was not you, ignore this e-mail: your password has not changed.
                    """), ct);
            }
            catch (MessageNotSentException ex)
            {
                throw new ValidationFailedException("", ex.Message + " Please try again later.");
            }
            await audit.WriteAsync(new AuditEntry(AuditKinds.PasswordResetRequested, "user", user.Id.ToString(), "Password reset link e-mailed."), ct, user.Id, user.DisplayName);
            return Unit.Value;
        }
    }
}
