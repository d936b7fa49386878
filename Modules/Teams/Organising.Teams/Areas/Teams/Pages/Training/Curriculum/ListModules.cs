using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

/// <summary>The curriculum in position order: current modules, and the archived ones when asked.</summary>
public static class ListModules
{
    public sealed record Query(bool IncludeArchived = false) : IQuery<IReadOnlyList<Row>>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public int Position { get; init; }
        public bool IsCore { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
        public int Sessions { get; init; }
        public int Completions { get; init; }
    }

    private const string Sql = """
        SELECT m.id AS Id, m.name AS Name, m.description AS Description, m.position AS Position, m.is_core AS IsCore,
               m.archived_at AS ArchivedAt,
               (SELECT COUNT(*) FROM teams_session s WHERE s.module_id = m.id) AS Sessions,
               (SELECT COUNT(*) FROM teams_completion c WHERE c.module_id = m.id) AS Completions
        FROM teams_curriculum_module m
        WHERE (@includeArchived = 1 OR m.archived_at IS NULL)
        ORDER BY CASE WHEN m.archived_at IS NULL THEN 0 ELSE 1 END, m.position, lower(m.name), m.id
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { includeArchived = query.IncludeArchived ? 1 : 0 },
                session.Transaction, cancellationToken: ct))).ToList();
        }
    }
}
