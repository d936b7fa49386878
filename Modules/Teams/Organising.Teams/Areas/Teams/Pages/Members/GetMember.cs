using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>One member, for the confirmation before removing them. Null when not a member or the user may not change the team.</summary>
public static class GetMember
{
    public sealed record Query(Guid TeamId, Guid PersonId) : IQuery<Member?>;

    public sealed class Member
    {
        public Guid TeamId { get; init; }
        public string TeamName { get; init; } = "";
        public Guid PersonId { get; init; }
        public string Role { get; init; } = "";
        public int Leads { get; init; }
        public string Name { get; set; } = "";
    }

    private const string Sql = """
        SELECT t.id AS TeamId, t.name AS TeamName, m.person_id AS PersonId, m.role AS Role, m.leads AS Leads
        FROM teams_member m JOIN teams_team t ON t.id = m.team_id
        WHERE m.team_id = @teamId AND m.person_id = @personId
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Member?>
    {
        public async ValueTask<Member?> Handle(Query query, CancellationToken ct)
        {
            if (!await scope.ManagesAsync(query.TeamId, ct)) return null;
            var connection = await session.ConnectionAsync(ct);
            var member = await connection.QuerySingleOrDefaultAsync<Member>(new CommandDefinition(Sql, new { teamId = query.TeamId, personId = query.PersonId },
                session.Transaction, cancellationToken: ct));
            if (member is null) return null;
            member.Name = (await sender.Send(new GetPeopleByIds([member.PersonId]), ct)).SingleOrDefault()?.DisplayName ?? "Unknown person";
            return member;
        }
    }
}
