using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Account.Pages;

public static class AcceptInvitation
{
    public const string InvalidInvitation =
        "This invitation link has expired, has already been used, or was withdrawn. Ask the person who invited you to send a new one.";

    public sealed class Invitation
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
    }

    /// <summary>The invitation a token opens, if it is still usable.</summary>
    public sealed record Query(string Token) : IQuery<Invitation?>;

    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        [StringLength(200)]
        public string Token { get; set; } = "";

        [Required(ErrorMessage = "Enter your name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters for your name.")]
        public string DisplayName { get; set; } = "";

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
            new(AuditKinds.InvitationAccepted, "user", response?.ToString(), "Invitation accepted; account created.");
    }

    private const string UsableSql = """
        SELECT id, email, role FROM platform_invitation
        WHERE token_hash = @hash AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now
        """;

    internal sealed class QueryHandler(DbSession session, TimeProvider time) : IQueryHandler<Query, Invitation?>
    {
        public async ValueTask<Invitation?> Handle(Query query, CancellationToken ct)
        {
            if (string.IsNullOrEmpty(query.Token) || query.Token.Length > 200) return null;
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition(UsableSql,
                new { hash = SecretTokens.Hash(query.Token), now = time.GetUtcNow() }, session.Transaction, cancellationToken: ct));
        }
    }

    internal sealed class Handler(DbSession session, UserManager<AppUser> users, SignInManager<AppUser> signIn, TimeProvider time)
        : ICommandHandler<Command, Guid>
    {
        private const string MarkAcceptedSql = """
            UPDATE platform_invitation SET accepted_at = @now, accepted_user = @userId
            WHERE id = @id AND accepted_at IS NULL
            """;

        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var now = time.GetUtcNow();
            // Read inside the write transaction: a second use of the same link waits, then finds it used.
            var invitation = string.IsNullOrEmpty(command.Token) ? null : await connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition(UsableSql,
                new { hash = SecretTokens.Hash(command.Token), now }, session.Transaction, cancellationToken: ct));
            if (invitation is null) throw new ValidationFailedException("", InvalidInvitation);

            var user = new AppUser
            {
                UserName = invitation.Email,
                Email = invitation.Email,
                DisplayName = command.DisplayName.Trim(),
                Role = invitation.Role,
            };
            var result = await users.CreateAsync(user, command.Password);
            if (!result.Succeeded) throw result.ToValidation();

            await connection.ExecuteAsync(new CommandDefinition(MarkAcceptedSql,
                new { now, userId = user.Id, id = invitation.Id }, session.Transaction, cancellationToken: ct));
            await signIn.SignInAsync(user, isPersistent: false);
            return user.Id;
        }
    }
}
