using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages;

public static class ListNetworksWithReach
{
    public sealed record Query(bool IncludeArchived) : IQuery<IReadOnlyList<Row>>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Description { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
        public int People { get; init; }
        public int Institutions { get; init; }
    }

    // Counts only: Observers see this page, so no names of people.
    private const string Sql = """
        SELECT n.id, n.name, n.kind, n.description, n.archived_at,
               (SELECT COUNT(*) FROM networks_person_network pn JOIN networks_person p ON p.id = pn.person_id
                 WHERE pn.network_id = n.id AND p.erased_at IS NULL AND p.merged_into IS NULL) AS people,
               (SELECT COUNT(*) FROM networks_institution_network inn JOIN networks_institution i ON i.id = inn.institution_id
                 WHERE inn.network_id = n.id AND i.archived_at IS NULL) AS institutions
        FROM networks_network n
        WHERE (@includeArchived = 1 OR n.archived_at IS NULL)
        ORDER BY lower(n.name), n.id
        """;

    internal sealed class Handler(DbSession session, ReadCache cache) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        // Counting every network's members reads every membership; the figures change only with a write.
        public ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken ct) =>
            cache.GetOrLoadAsync(session, $"networks.list.{query.IncludeArchived}", () => LoadAsync(query, ct));

        private async ValueTask<IReadOnlyList<Row>> LoadAsync(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<Row>(new CommandDefinition(Sql,
                new { includeArchived = query.IncludeArchived ? 1 : 0 }, session.Transaction, cancellationToken: ct))).ToList();
        }
    }
}
