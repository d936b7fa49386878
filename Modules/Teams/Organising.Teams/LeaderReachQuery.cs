using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;
using Organising.Teams.Contracts;

namespace Organising.Teams;

/// <summary>Answers Networks' <see cref="GetLeaderReach"/>: the networks and people of the teams the user's person leads.</summary>
public static class LeaderReachQuery
{
    private const string NetworksSql = """
        SELECT DISTINCT t.network_id FROM teams_team t JOIN teams_member m ON m.team_id = t.id
        WHERE m.person_id = @personId AND m.leads = 1 AND t.network_id IS NOT NULL
        """;

    private const string PeopleSql = """
        SELECT m2.person_id FROM teams_member m JOIN teams_member m2 ON m2.team_id = m.team_id
        WHERE m.person_id = @personId AND m.leads = 1
        UNION
        SELECT r.person_id FROM teams_member m JOIN teams_recruit r ON r.team_id = m.team_id
        WHERE m.person_id = @personId AND m.leads = 1
        """;

    internal sealed class Handler(DbSession session, UserPeople people) : IQueryHandler<GetLeaderReach, LeaderReach>
    {
        public async ValueTask<LeaderReach> Handle(GetLeaderReach query, CancellationToken ct)
        {
            if (await people.PersonOfUserAsync(query.UserId, ct) is not { } personId) return LeaderReach.None;
            var connection = await session.ConnectionAsync(ct);
            var networks = await connection.QueryAsync<Guid>(new CommandDefinition(NetworksSql, new { personId }, session.Transaction, cancellationToken: ct));
            var members = await connection.QueryAsync<Guid>(new CommandDefinition(PeopleSql, new { personId }, session.Transaction, cancellationToken: ct));
            return new LeaderReach(networks.ToList(), members.ToList());
        }
    }
}
