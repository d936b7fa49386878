using Dapper;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Admin.Pages.Users;

/// <summary>Shared by role change and disabling: someone must always be able to administer the install.</summary>
internal static class LastAdministrator
{
    private const string OtherActiveAdministratorsSql = """
        SELECT COUNT(*) FROM platform_user WHERE role = @role AND is_disabled = 0 AND id <> @userId
        """;

    /// <summary>Refuses when <paramref name="userId"/> is the only active Administrator. Runs inside the write transaction.</summary>
    public static async Task EnsureAnotherRemainsAsync(DbSession session, Guid userId, string field, string refusal, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var others = await connection.ExecuteScalarAsync<int>(new CommandDefinition(OtherActiveAdministratorsSql,
            new { role = Roles.Administrator, userId }, session.Transaction, cancellationToken: ct));
        if (others == 0) throw new ValidationFailedException(field, refusal);
    }
}
