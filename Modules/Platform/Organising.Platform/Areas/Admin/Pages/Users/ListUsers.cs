using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Users;

public static class ListUsers
{
    /// <summary>Search matches any part of the name or e-mail. PageSize null means every row (the CSV export).</summary>
    public sealed record Query(string? Search, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public bool IsDisabled { get; init; }
        public DateTimeOffset? LockoutEnd { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastSignInAt { get; init; }
    }

    public sealed class PendingInvitation
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ExpiresAt { get; init; }
    }

    public sealed record Result(Paged<Row> Users, IReadOnlyList<PendingInvitation> Invitations);

    private const string Filter = """
        WHERE (@pattern IS NULL OR lower(display_name) LIKE @pattern ESCAPE '\' OR lower(email) LIKE @pattern ESCAPE '\')
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM platform_user {Filter}";

    private const string PageSql = $"""
        SELECT id, display_name, email, role, is_disabled, lockout_end, created_at, last_sign_in_at
        FROM platform_user {Filter}
        ORDER BY lower(display_name), id
        LIMIT @limit OFFSET @offset
        """;

    private const string InvitationsSql = """
        SELECT id, email, role, created_at, expires_at FROM platform_invitation
        WHERE accepted_at IS NULL AND revoked_at IS NULL
        ORDER BY created_at DESC
        LIMIT 200
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var args = new { pattern = SqlText.ContainsPattern(query.Search), limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)) };
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, args, cancellationToken: ct))).ToList();
            var invitations = (await connection.QueryAsync<PendingInvitation>(new CommandDefinition(InvitationsSql, cancellationToken: ct))).ToList();
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), invitations);
        }
    }
}
