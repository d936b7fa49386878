using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Admin.Pages.Users;

/// <summary>
/// Role changes and disabling. Both take effect on the user's next request: the cookie is checked
/// against the account each time, and disabling also changes the security stamp.
/// </summary>
public static class ChangeUserAccess
{
    public sealed class ChangeRole : ICommand<bool>, IValidatable, IAuditedCommand
    {
        public Guid UserId { get; set; }

        [Required(ErrorMessage = "Choose a role.")]
        public string Role { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (!Roles.IsKnown(Role)) yield return new FieldError(nameof(Role), "Choose one of the roles in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) =>
            response is true ? new(AuditKinds.RoleChanged, "user", UserId.ToString(), $"Role changed to {Role}.") : null;
    }

    public sealed class Disable : ICommand<Unit>, IAuditedCommand
    {
        public Guid UserId { get; set; }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.Disabled, "user", UserId.ToString(), "Account disabled; signed out everywhere.");
    }

    public sealed class Enable : ICommand<Unit>, IAuditedCommand
    {
        public Guid UserId { get; set; }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.Enabled, "user", UserId.ToString(), "Account re-enabled.");
    }

    public const string UnknownUser = "That user no longer exists.";

    private const string CurrentRoleSql = "SELECT role FROM platform_user WHERE id = @UserId";
    private const string SetRoleSql = "UPDATE platform_user SET role = @Role, concurrency_stamp = @stamp WHERE id = @UserId";
    private const string SetDisabledSql = """
        UPDATE platform_user SET is_disabled = @disabled, security_stamp = @stamp, concurrency_stamp = @stamp WHERE id = @UserId
        """;

    private static async Task<string> CurrentRoleAsync(DbSession session, Guid userId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(CurrentRoleSql, new { UserId = userId }, session.Transaction, cancellationToken: ct))
            ?? throw new ValidationFailedException("", UnknownUser);
    }

    private static async Task SetDisabledAsync(DbSession session, Guid userId, bool disabled, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetDisabledSql,
            new { UserId = userId, disabled, stamp = Guid.NewGuid().ToString("N") }, session.Transaction, cancellationToken: ct));
    }

    internal sealed class ChangeRoleHandler(DbSession session) : ICommandHandler<ChangeRole, bool>
    {
        public async ValueTask<bool> Handle(ChangeRole command, CancellationToken ct)
        {
            var current = await CurrentRoleAsync(session, command.UserId, ct);
            if (current == command.Role) return false;
            if (current == Roles.Administrator)
            {
                await LastAdministrator.EnsureAnotherRemainsAsync(session, command.UserId, nameof(ChangeRole.Role),
                    "This is the only active Administrator. Make someone else an Administrator first.", ct);
            }
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(SetRoleSql,
                new { command.UserId, command.Role, stamp = Guid.NewGuid().ToString("N") }, session.Transaction, cancellationToken: ct));
            return true;
        }
    }

    internal sealed class DisableHandler(DbSession session) : ICommandHandler<Disable, Unit>
    {
        public async ValueTask<Unit> Handle(Disable command, CancellationToken ct)
        {
            var role = await CurrentRoleAsync(session, command.UserId, ct);
            if (role == Roles.Administrator)
            {
                await LastAdministrator.EnsureAnotherRemainsAsync(session, command.UserId, "",
                    "This is the only active Administrator, so it cannot be disabled. Make someone else an Administrator first.", ct);
            }
            await SetDisabledAsync(session, command.UserId, disabled: true, ct);
            return Unit.Value;
        }
    }

    internal sealed class EnableHandler(DbSession session) : ICommandHandler<Enable, Unit>
    {
        public async ValueTask<Unit> Handle(Enable command, CancellationToken ct)
        {
            await CurrentRoleAsync(session, command.UserId, ct);
            await SetDisabledAsync(session, command.UserId, disabled: false, ct);
            return Unit.Value;
        }
    }
}
