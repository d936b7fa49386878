using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;
using Organising.Teams.Ladders;

using Organising.Teams.Contracts;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>
/// The two ladders with how many people stand on each rung, and a page of those people: the members of the teams the
/// user sees (every team for Organisers), each on the track their team role puts them on.
/// </summary>
public static class GetLadders
{
    public sealed record Query(string? Search, int Page, int? PageSize) : IQuery<Result>;

    public sealed record Result(IReadOnlyList<Track> Tracks, Paged<Person> People, bool AnyMembers);

    public sealed record Track(string Id, string Name, IReadOnlyList<RungCount> Rungs, int NotYetOnLadder);

    public sealed record RungCount(LadderRung Rung, int People);

    public sealed record Person(Guid PersonId, string Name, string Teams, string Track, string? Rung, int Position, int RungsOnTrack);

    private const string MembersSql = """
        SELECT m.person_id AS PersonId, t.name AS TeamName
        FROM teams_member m JOIN teams_team t ON t.id = m.team_id
        WHERE {0}
        ORDER BY t.name
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, LadderStandings ladders, ReadCache cache, ISender sender) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            // Every standing of every member the user sees: worked out once and kept until the next write.
            var all = await cache.GetOrLoadAsync(session, "teams.ladders|" + scope.CacheKey, () => AllAsync(ct));
            var search = query.Search?.Trim();
            var people = all.People
                .Where(p => string.IsNullOrEmpty(search) || p.Name.Contains(search, StringComparison.OrdinalIgnoreCase) || p.Teams.Contains(search, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var size = query.PageSize ?? Math.Max(people.Count, 1);
            var page = query.PageSize is null ? 1 : query.Page;
            return new Result(all.Tracks, new Paged<Person>(people.Skip(Paging.Offset(page, size)).Take(size).ToList(), people.Count, page, size), all.People.Count > 0);
        }

        private async ValueTask<Everyone> AllAsync(CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var parameters = new DynamicParameters();
            var condition = await scope.TeamConditionAsync(parameters, ct);
            var rows = (await connection.QueryAsync<MemberRow>(new CommandDefinition(string.Format(MembersSql, condition), parameters, session.Transaction, cancellationToken: ct))).ToList();

            var members = rows.GroupBy(r => r.PersonId).Select(g => (PersonId: g.Key, Teams: string.Join(", ", g.Select(r => r.TeamName).Distinct()))).ToList();
            var standings = await ladders.ForAsync(members.Select(m => m.PersonId).ToList(), ct);
            var names = (await sender.Send(new GetPeopleByIds(members.Select(m => m.PersonId).ToList()), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            var rungs = await ladders.RungsAsync(ct);

            var tracks = new[] { LadderStandings.Community, LadderStandings.Clinician }.Select(track =>
            {
                var onTrack = standings.Values.Where(s => s.Track == track).ToList();
                return new Track(track, LadderStandings.DescribeTrack(track),
                    rungs.Where(r => r.Track == track).Select(r => new RungCount(r, onTrack.Count(s => s.Current?.Id == r.Id))).ToList(),
                    onTrack.Count(s => s.Current is null));
            }).ToList();
            var people = members
                .Select(m => new Person(m.PersonId, names.GetValueOrDefault(m.PersonId, "(unknown person)"), m.Teams, standings[m.PersonId].Track,
                    standings[m.PersonId].Current?.Name, standings[m.PersonId].Position, standings[m.PersonId].Rungs.Count))
                .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.PersonId)
                .ToList();
            return new Everyone(tracks, people);
        }
    }

    private sealed record Everyone(IReadOnlyList<Track> Tracks, IReadOnlyList<Person> People);

    private sealed class MemberRow
    {
        public Guid PersonId { get; init; }
        public string TeamName { get; init; } = "";
    }
}
