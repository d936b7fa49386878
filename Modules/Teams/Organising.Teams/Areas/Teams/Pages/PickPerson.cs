using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>
/// Choosing a person for a team (as a member, or into its pipeline): the people the user may see whose name, e-mail,
/// phone or postcode contains the search (Networks' SearchPeople), each marked if already a member or recruit.
/// Null when the team is not there or the user may not change it.
/// </summary>
public static class PickPerson
{
    public const int MaxMatches = 20;

    public sealed record Query(Guid TeamId, string? Search) : IQuery<Result?>;

    public sealed class Match
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Postcode { get; init; }
        public bool IsMember { get; init; }
        public bool IsRecruit { get; init; }
    }

    /// <summary><paramref name="Matches"/> is null when nothing was searched for.</summary>
    public sealed record Result(Guid TeamId, string TeamName, IReadOnlyList<Match>? Matches);

    private const string TeamSql = "SELECT name FROM teams_team WHERE id = @teamId";

    private sealed class Taken
    {
        public Guid PersonId { get; init; }
        public int IsMember { get; init; }
    }

    private const string TakenSql = """
        SELECT m.person_id AS PersonId, 1 AS IsMember FROM teams_member m
        WHERE m.team_id = @teamId AND m.person_id IN (SELECT value FROM json_each(@ids))
        UNION ALL
        SELECT r.person_id AS PersonId, 0 AS IsMember FROM teams_recruit r
        WHERE r.team_id = @teamId AND r.person_id IN (SELECT value FROM json_each(@ids))
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            if (!await scope.ManagesAsync(query.TeamId, ct)) return null;
            var connection = await session.ConnectionAsync(ct);
            var name = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TeamSql, new { teamId = query.TeamId }, session.Transaction, cancellationToken: ct));
            if (name is null) return null;
            if (string.IsNullOrWhiteSpace(query.Search)) return new Result(query.TeamId, name, null);

            var found = await sender.Send(new SearchPeople(query.Search.Trim(), MaxMatches), ct);
            var taken = found.Count == 0 ? [] : (await connection.QueryAsync<Taken>(new CommandDefinition(TakenSql,
                new { teamId = query.TeamId, ids = SqlText.IdList(found.Select(p => p.Id)) }, session.Transaction, cancellationToken: ct))).ToList();
            var members = taken.Where(t => t.IsMember == 1).Select(t => t.PersonId).ToHashSet();
            var recruits = taken.Where(t => t.IsMember == 0).Select(t => t.PersonId).ToHashSet();
            return new Result(query.TeamId, name, found.Where(p => !p.IsErased).Select(p => new Match
            {
                Id = p.Id, Name = p.DisplayName, Postcode = p.Postcode, IsMember = members.Contains(p.Id), IsRecruit = recruits.Contains(p.Id),
            }).ToList());
        }
    }
}
