using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages;

public static class GetNetwork
{
    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed class Details
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Description { get; init; }
        public string? PostcodeDistricts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
    }

    private const string Sql = """
        SELECT id, name, kind, description, postcode_districts, created_at, archived_at FROM networks_network WHERE id = @Id
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
