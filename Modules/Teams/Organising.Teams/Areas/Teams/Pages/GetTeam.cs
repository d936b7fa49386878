using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Teams.Contracts;
using Organising.Teams.Ladders;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>
/// The team page: its purpose, network and status, its members (names in one GetPeopleByIds batch) and the count at
/// each pipeline stage (one GROUP BY). Null when the team is not there or the user may not see its members' names.
/// </summary>
public static class GetTeam
{
    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed class Details
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public string Status { get; init; } = "";
        public Guid? NetworkId { get; init; }
        public string? NetworkName { get; set; }
        public IReadOnlyList<Member> Members { get; set; } = [];
        public IReadOnlyDictionary<string, int> Stages { get; set; } = new Dictionary<string, int>();
        public bool CanManage { get; set; }

        public int StageCount(string stage) => Stages.TryGetValue(stage, out var n) ? n : 0;
        public int PipelineTotal => Stages.Values.Sum();
    }

    public sealed class Member
    {
        public Guid PersonId { get; init; }
        public string Role { get; init; } = "";
        public int Leads { get; init; }
        public DateTimeOffset JoinedAt { get; init; }
        public string Name { get; set; } = "";
        public bool IsErased { get; set; }

        /// <summary>Where they stand on their ladder (the clinicians' for a clinical lead in any team, else the community members').</summary>
        public LadderStanding? Standing { get; set; }
    }

    private sealed class StageCount
    {
        public string Stage { get; init; } = "";
        public int Count { get; init; }
    }

    private const string TeamSql = """
        SELECT id AS Id, name AS Name, purpose AS Purpose, status AS Status, network_id AS NetworkId FROM teams_team WHERE id = @id
        """;
    private const string MembersSql = """
        SELECT person_id AS PersonId, role AS Role, leads AS Leads, joined_at AS JoinedAt FROM teams_member WHERE team_id = @id
        """;
    private const string StagesSql = "SELECT stage AS Stage, COUNT(*) AS Count FROM teams_recruit WHERE team_id = @id GROUP BY stage";

    internal sealed class Handler(DbSession session, TeamScope scope, LadderStandings ladders, ISender sender) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            if (!await scope.SeesMembersAsync(query.Id, ct)) return null;
            var connection = await session.ConnectionAsync(ct);
            var args = new { id = query.Id };
            var team = await connection.QuerySingleOrDefaultAsync<Details>(new CommandDefinition(TeamSql, args, session.Transaction, cancellationToken: ct));
            if (team is null) return null;
            var members = (await connection.QueryAsync<Member>(new CommandDefinition(MembersSql, args, session.Transaction, cancellationToken: ct))).ToList();
            team.Stages = (await connection.QueryAsync<StageCount>(new CommandDefinition(StagesSql, args, session.Transaction, cancellationToken: ct)))
                .ToDictionary(s => s.Stage, s => s.Count);

            var people = members.Count == 0 ? new Dictionary<Guid, PersonSummary>()
                : (await sender.Send(new GetPeopleByIds(members.Select(m => m.PersonId).ToList()), ct)).ToDictionary(p => p.Id);
            foreach (var member in members)
            {
                var person = people.GetValueOrDefault(member.PersonId);
                member.Name = person?.DisplayName ?? "Unknown person";
                member.IsErased = person?.IsErased ?? false;
            }
            var standings = await ladders.ForAsync(members.Select(m => m.PersonId).ToList(), ct);
            foreach (var member in members) member.Standing = standings.GetValueOrDefault(member.PersonId);
            // Those who lead first, then by name.
            team.Members = members.OrderByDescending(m => m.Leads).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(m => m.PersonId).ToList();

            if (team.NetworkId is { } networkId)
                team.NetworkName = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).FirstOrDefault(n => n.Id == networkId)?.Name;
            team.CanManage = await scope.ManagesAsync(team.Id, ct);
            return team;
        }
    }
}
