using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;
using Organising.Teams.Contracts;

namespace Organising.Teams;

/// <summary>Answers the Teams.Contracts questions later modules ask about teams: a user's teams, the list, a team's members.</summary>
public static class TeamsDirectory
{
    private const string TeamsSql = "SELECT id AS Id, name AS Name, network_id AS NetworkId, status AS Status FROM teams_team ORDER BY lower(name)";
    private const string MembersSql = "SELECT person_id FROM teams_member WHERE team_id = @teamId";

    internal sealed class Handler(DbSession session, UserPeople people, ReadCache cache) :
        IQueryHandler<GetUserTeams, UserTeams>, IQueryHandler<ListTeams, IReadOnlyList<TeamSummary>>, IQueryHandler<GetTeamMembers, IReadOnlyList<Guid>>
    {
        public async ValueTask<UserTeams> Handle(GetUserTeams query, CancellationToken ct)
        {
            if (await people.PersonOfUserAsync(query.UserId, ct) is not { } personId) return UserTeams.None;
            var (all, led) = await TeamScope.TeamsOfPersonAsync(session, personId, ct);
            return new UserTeams(personId, all, led);
        }

        public async ValueTask<IReadOnlyList<TeamSummary>> Handle(ListTeams query, CancellationToken ct) =>
            await cache.GetOrLoadAsync<IReadOnlyList<TeamSummary>>(session, "teams.list", async () =>
            {
                var connection = await session.ConnectionAsync(ct);
                return (await connection.QueryAsync<TeamSummary>(new CommandDefinition(TeamsSql, transaction: session.Transaction, cancellationToken: ct))).ToList();
            });

        public async ValueTask<IReadOnlyList<Guid>> Handle(GetTeamMembers query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return (await connection.QueryAsync<Guid>(new CommandDefinition(MembersSql, new { teamId = query.TeamId }, session.Transaction, cancellationToken: ct))).ToList();
        }
    }
}
