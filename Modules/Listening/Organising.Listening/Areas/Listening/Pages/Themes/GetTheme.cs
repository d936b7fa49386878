using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>One theme, for its edit form.</summary>
public static class GetTheme
{
    public sealed record Query(Guid Id) : IQuery<Theme?>;

    public sealed class Theme
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Code { get; init; }
        public string? Description { get; init; }
    }

    private const string Sql = "SELECT id AS Id, name AS Name, code AS Code, description AS Description FROM listening_theme WHERE id = @id";

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, Theme?>
    {
        public async ValueTask<Theme?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<Theme>(new CommandDefinition(Sql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
        }
    }
}
