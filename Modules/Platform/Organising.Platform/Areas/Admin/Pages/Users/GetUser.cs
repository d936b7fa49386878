using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Platform.Areas.Admin.Pages.Users;

public static class GetUser
{
    public sealed record Query(Guid UserId) : IQuery<Details?>;

    public sealed class Details
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
        public bool IsDisabled { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? LastSignInAt { get; init; }
    }

    private const string Sql = """
        SELECT id, display_name, email, role, is_disabled, created_at, last_sign_in_at FROM platform_user WHERE id = @UserId
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<Details>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct));
        }
    }
}
