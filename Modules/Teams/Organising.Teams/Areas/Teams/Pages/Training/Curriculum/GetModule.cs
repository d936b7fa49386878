using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

public static class GetModule
{
    public sealed record Query(Guid Id) : IQuery<ListModules.Row?>;

    private const string Sql = """
        SELECT m.id AS Id, m.name AS Name, m.description AS Description, m.position AS Position, m.is_core AS IsCore, m.archived_at AS ArchivedAt,
               (SELECT COUNT(*) FROM teams_session s WHERE s.module_id = m.id) AS Sessions,
               (SELECT COUNT(*) FROM teams_completion c WHERE c.module_id = m.id) AS Completions
        FROM teams_curriculum_module m WHERE m.id = @Id
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, ListModules.Row?>
    {
        public async ValueTask<ListModules.Row?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<ListModules.Row>(new CommandDefinition(Sql, query, session.Transaction, cancellationToken: ct));
        }
    }
}
