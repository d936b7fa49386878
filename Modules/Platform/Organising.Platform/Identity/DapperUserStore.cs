using Dapper;
using Microsoft.AspNetCore.Identity;
using Organising.Platform.Data;

namespace Organising.Platform.Identity;

/// <summary>ASP.NET Core Identity's user store over platform_user, on the scope's connection and transaction.</summary>
public sealed class DapperUserStore(DbSession session, TimeProvider time) :
    IUserPasswordStore<AppUser>,
    IUserEmailStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserRoleStore<AppUser>
{
    internal const string Columns = """
        id, user_name, normalized_user_name, email, normalized_email, display_name, password_hash,
        security_stamp, concurrency_stamp, role, is_disabled, lockout_enabled, lockout_end,
        access_failed_count, created_at, last_sign_in_at
        """;

    private const string InsertSql = $"""
        INSERT INTO platform_user ({Columns})
        VALUES (@Id, @UserName, @NormalizedUserName, @Email, @NormalizedEmail, @DisplayName, @PasswordHash,
                @SecurityStamp, @ConcurrencyStamp, @Role, @IsDisabled, @LockoutEnabled, @LockoutEnd,
                @AccessFailedCount, @CreatedAt, @LastSignInAt)
        """;

    private const string UpdateSql = """
        UPDATE platform_user SET
            user_name = @UserName, normalized_user_name = @NormalizedUserName, email = @Email,
            normalized_email = @NormalizedEmail, display_name = @DisplayName, password_hash = @PasswordHash,
            security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp, role = @Role,
            is_disabled = @IsDisabled, lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd,
            access_failed_count = @AccessFailedCount, last_sign_in_at = @LastSignInAt
        WHERE id = @Id
        """;

    private async Task<int> ExecuteAsync(string sql, object args, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, args, session.Transaction, cancellationToken: ct));
    }

    private async Task<AppUser?> FindAsync(string where, object args, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(
            new CommandDefinition($"SELECT {Columns} FROM platform_user WHERE {where}", args, session.Transaction, cancellationToken: ct));
    }

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken ct)
    {
        if (user.CreatedAt == default) user.CreatedAt = time.GetUtcNow();
        await ExecuteAsync(InsertSql, user, ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken ct)
    {
        user.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await ExecuteAsync(UpdateSql, user, ct);
        return IdentityResult.Success;
    }

    public async Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken ct)
    {
        await ExecuteAsync("DELETE FROM platform_user WHERE id = @Id", new { user.Id }, ct);
        return IdentityResult.Success;
    }

    public Task<AppUser?> FindByIdAsync(string userId, CancellationToken ct) =>
        Guid.TryParse(userId, out var id) ? FindAsync("id = @id", new { id }, ct) : Task.FromResult<AppUser?>(null);

    public Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken ct) =>
        FindAsync("normalized_user_name = @normalizedUserName", new { normalizedUserName }, ct);

    public Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken ct) =>
        FindAsync("normalized_email = @normalizedEmail", new { normalizedEmail }, ct);

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.UserName);
    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken ct) { user.UserName = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedUserName);
    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken ct) { user.NormalizedUserName = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken ct) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken ct) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.Email);
    // Accounts only come from setup or an e-mailed invitation, so the address is proven.
    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken ct) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken ct) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken ct) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken ct) => Task.FromResult<string?>(user.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken ct) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken ct) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken ct) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken ct) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    // One role per user, kept on the user row.
    // UserManager passes role names normalised (upper case); the row keeps the canonical spelling.
    public Task AddToRoleAsync(AppUser user, string roleName, CancellationToken ct)
    {
        user.Role = Canonical(roleName) ?? throw new InvalidOperationException($"Unknown role '{roleName}'.");
        return Task.CompletedTask;
    }

    private static string? Canonical(string roleName) => Roles.All.FirstOrDefault(r => string.Equals(r, roleName, StringComparison.OrdinalIgnoreCase));
    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken ct) => Task.CompletedTask;
    public Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken ct) => Task.FromResult<IList<string>>([user.Role]);
    public Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken ct) =>
        Task.FromResult(string.Equals(user.Role, roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken ct)
    {
        if (Canonical(roleName) is not { } role) return [];
        var connection = await session.ConnectionAsync(ct);
        var users = await connection.QueryAsync<AppUser>(new CommandDefinition(
            $"SELECT {Columns} FROM platform_user WHERE role = @role", new { role }, session.Transaction, cancellationToken: ct));
        return users.ToList();
    }

    public void Dispose() { }
}
