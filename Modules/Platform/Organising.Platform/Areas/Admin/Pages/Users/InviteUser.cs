using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Messaging;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

public static class InviteUser
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        [Required(ErrorMessage = "Enter the e-mail address to invite.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters for the e-mail address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = Roles.Volunteer;

        public IEnumerable<FieldError> Validate()
        {
            if (!Roles.IsKnown(Role)) yield return new FieldError(nameof(Role), "Choose one of the roles in the list.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.InvitationSent, "invitation", response?.ToString(), $"Invitation sent with role {Role}.");
    }

    private const string UserExistsSql = "SELECT EXISTS (SELECT 1 FROM platform_user WHERE normalized_email = @normalized)";

    // A new invitation replaces any earlier one to the same address, so only the newest link works.
    private const string RevokeEarlierSql = """
        UPDATE platform_invitation SET revoked_at = @now
        WHERE lower(email) = lower(@email) AND accepted_at IS NULL AND revoked_at IS NULL
        """;

    private const string InsertSql = """
        INSERT INTO platform_invitation (id, email, role, token_hash, invited_by, created_at, expires_at)
        VALUES (@id, @email, @role, @tokenHash, @invitedBy, @now, @expiresAt)
        """;

    internal sealed class Handler(
        DbSession session,
        ICurrentUser currentUser,
        IMessageSender messages,
        LinkBuilder links,
        OrganisationSettingsCache settings,
        OrganisationTime localTime,
        TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (currentUser.Id is not { } inviter) throw new ValidationFailedException("", "Sign in to invite people.");
            if (!Capabilities.RolesGrantableBy(currentUser.Role ?? "").Contains(command.Role))
            {
                throw new ValidationFailedException(nameof(Command.Role), "Only an Administrator can invite another Administrator.");
            }

            var email = command.Email.Trim();
            var connection = await session.ConnectionAsync(ct);
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(UserExistsSql,
                    new { normalized = email.ToUpperInvariant() }, session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException(nameof(Command.Email), "Someone already has an account with this e-mail address.");
            }

            var now = time.GetUtcNow();
            var token = SecretTokens.NewToken();
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(RevokeEarlierSql, new { email, now }, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                id, email, role = command.Role, tokenHash = SecretTokens.Hash(token), invitedBy = inviter, now,
                expiresAt = now + InvitationTokens.ValidFor,
            }, session.Transaction, cancellationToken: ct));

            var organisation = (await settings.GetAsync(ct)).Name;
            var link = links.Absolute($"/Account/AcceptInvitation?token={token}");
            // In the organisation's time zone, as everything else shows: the invitee reads it as local time.
            var until = await localTime.FormatAsync(now + InvitationTokens.ValidFor, "d MMMM yyyy 'at' HH:mm");
            try
            {
                await messages.SendAsync(new OutgoingMessage(email, null, $"You are invited to join {organisation}",
                    $"""
                    Hello,

                    {currentUser.Name} has invited you to join {organisation}, as {command.Role}.

                    To accept, open this link and choose your password. It works once, until {until}:

                    {link}

                    If you were not expecting this, you can ignore this e-mail.
                    """), ct);
            }
            catch (MessageNotSentException ex)
            {
                // Rolls the invitation back too: nothing half-done.
                throw new ValidationFailedException("", ex.Message + " The invitation was not saved; try again later.");
            }
            return id;
        }
    }
}
