using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Teams.Ladders;

using Organising.Teams.Contracts;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

public static class GetRung
{
    public sealed record Query(Guid Id) : IQuery<LadderRung?>;

    private const string Sql = """
        SELECT id AS Id, track AS Track, position AS Position, name AS Name, rule AS Rule, activity AS Activity, threshold AS Threshold
        FROM teams_ladder_rung WHERE id = @Id
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, LadderRung?>
    {
        public async ValueTask<LadderRung?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.QuerySingleOrDefaultAsync<LadderRung>(new CommandDefinition(Sql, new { query.Id }, session.Transaction, cancellationToken: ct));
        }
    }
}
