using System.Data;
using System.Globalization;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// The one-to-ones the current user may see, newest first: search by the name of either person or the team, filter by
/// team or to the user's own. Each row carries its notes only when the user may see them (for the CSV export).
/// </summary>
public static class FindOneToOnes
{
    public const int MaxNameMatches = 100;

    /// <summary>PageSize null means every row (the CSV export).</summary>
    public sealed record Query(string? Search, Guid? TeamId, bool Mine, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public Guid? TeamId { get; init; }
        public string? TeamName { get; init; }
        public Guid HeldBy { get; init; }
        public string HeldByName { get; set; } = "";
        public Guid MetPersonId { get; init; }
        public string MetName { get; set; } = "";
        public DateTimeOffset MetAt { get; init; }
        public string? FollowUpOnText { get; init; }
        public DateOnly? FollowUpOn => FollowUpOnText is null ? null : DateOnly.ParseExact(FollowUpOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        public long NotesVisible { get; init; }
        public bool CanSeeNotes => NotesVisible == 1;

        // Null unless CanSeeNotes (the query itself blanks them).
        public string? Place { get; init; }
        public string? Story { get; init; }
        public string? SelfInterest { get; init; }
        public string? Talents { get; init; }
        public string? Leads { get; init; }
        public string? NextAsk { get; init; }
    }

    public sealed class TeamOption
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }

    /// <param name="AnyOneToOnes">Whether the user can see any one-to-one at all: a first run, not a search that found nothing.</param>
    /// <param name="Teams">The teams to filter by: those the user belongs to (every team for Organisers).</param>
    public sealed record Result(Paged<Row> OneToOnes, IReadOnlyList<TeamOption> Teams, bool AnyOneToOnes, bool HasPerson);

    private const string AllTeamsSql = "SELECT id AS Id, name AS Name FROM teams_team ORDER BY lower(name), id";
    private const string SomeTeamsSql = "SELECT id AS Id, name AS Name FROM teams_team WHERE id IN (SELECT value FROM json_each(@teams)) ORDER BY lower(name), id";

    internal sealed class Handler(DbSession session, TeamScope scope, ReadCache cache, ISender sender) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var access = await OneToOneAccess.ForAsync(scope, ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var pageSize = Math.Min(size, Paging.MaxPageSize);
            if (access.IsObserver) return new Result(new Paged<Row>([], 0, 1, pageSize), [], false, false);

            var connection = await session.ConnectionAsync(ct);
            var parameters = new DynamicParameters();
            var visible = access.VisibleCondition(parameters);
            var notes = access.NotesVisibleExpression(parameters);
            var filters = new List<string> { visible };

            if (query.TeamId is { } teamId)
            {
                filters.Add("o.team_id = @teamId");
                parameters.Add("teamId", teamId.ToString("D"), DbType.String);
            }
            if (query.Mine)
            {
                filters.Add("(o.held_by = @minePerson OR o.recorded_by = @mineUser)");
                parameters.Add("minePerson", access.PersonId?.ToString("D"), DbType.String);
                parameters.Add("mineUser", access.UserId?.ToString("D"), DbType.String);
            }
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                // Names live in Networks: ask it who matches (within whom this user may see), then match either person or the team's name.
                var people = await sender.Send(new SearchPeople(query.Search.Trim(), MaxNameMatches), ct);
                filters.Add("(o.held_by IN (SELECT value FROM json_each(@namedPeople)) OR o.met_person_id IN (SELECT value FROM json_each(@namedPeople)) OR lower(t.name) LIKE @pattern ESCAPE '\\')");
                parameters.Add("namedPeople", SqlText.IdList(people.Select(p => p.Id)), DbType.String);
                parameters.Add("pattern", SqlText.ContainsPattern(query.Search), DbType.String);
            }
            var where = string.Join(" AND ", filters);
            var from = $"FROM teams_one_to_one o LEFT JOIN teams_team t ON t.id = o.team_id WHERE {where}";

            // Paging through a long list counts its matches once: the count is kept until the next write.
            // "Mine" depends on who is asking, not only on which teams they see.
            var countKey = $"teams.one-to-ones.count|{scope.CacheKey}|{query.Search}|{query.TeamId}|{(query.Mine ? $"mine:{access.UserId}" : "all")}";
            var total = await cache.GetOrLoadAsync(session, countKey, async () =>
                await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) {from}", parameters, session.Transaction, cancellationToken: ct)));
            parameters.Add("limit", size);
            parameters.Add("offset", Paging.Offset(page, pageSize));
            var sql = $"""
                SELECT o.id AS Id, o.team_id AS TeamId, t.name AS TeamName, o.held_by AS HeldBy, o.met_person_id AS MetPersonId, o.met_at AS MetAt,
                       o.follow_up_on AS FollowUpOnText, {notes} AS NotesVisible,
                       CASE WHEN {notes} = 1 THEN o.place ELSE NULL END AS Place,
                       CASE WHEN {notes} = 1 THEN o.story ELSE NULL END AS Story,
                       CASE WHEN {notes} = 1 THEN o.self_interest ELSE NULL END AS SelfInterest,
                       CASE WHEN {notes} = 1 THEN o.talents ELSE NULL END AS Talents,
                       CASE WHEN {notes} = 1 THEN o.leads ELSE NULL END AS Leads,
                       CASE WHEN {notes} = 1 THEN o.next_ask ELSE NULL END AS NextAsk
                {from}
                ORDER BY o.met_at DESC, o.id DESC
                LIMIT @limit OFFSET @offset
                """;
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            if (rows.Count > 0)
            {
                var names = (await sender.Send(new GetPeopleByIds(rows.SelectMany(r => new[] { r.HeldBy, r.MetPersonId }).ToHashSet()), ct))
                    .ToDictionary(p => p.Id, p => p.DisplayName);
                foreach (var row in rows)
                {
                    row.HeldByName = names.GetValueOrDefault(row.HeldBy, "(unknown person)");
                    row.MetName = names.GetValueOrDefault(row.MetPersonId, "(unknown person)");
                }
            }

            var teams = access.SeesAll
                ? await connection.QueryAsync<TeamOption>(new CommandDefinition(AllTeamsSql, transaction: session.Transaction, cancellationToken: ct))
                : await connection.QueryAsync<TeamOption>(new CommandDefinition(SomeTeamsSql, new { teams = SqlText.IdList(access.MemberTeams) }, session.Transaction, cancellationToken: ct));

            var any = total > 0;
            if (!any)
            {
                var anyParameters = new DynamicParameters();
                any = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    $"SELECT COUNT(*) FROM (SELECT 1 FROM teams_one_to_one o WHERE {access.VisibleCondition(anyParameters)} LIMIT 1) AS found",
                    anyParameters, session.Transaction, cancellationToken: ct)) > 0;
            }
            return new Result(new Paged<Row>(rows, total, page, pageSize), teams.ToList(), any, access.PersonId is not null);
        }
    }
}
