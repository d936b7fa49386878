using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Training.Completions;

/// <summary>
/// Who completed which curriculum module, and when. Organisers see everyone's; a Leader the members of the teams
/// they lead and themselves; anyone else their own.
/// </summary>
public static class FindCompletions
{
    /// <summary>PageSize null means every row (the CSV export).</summary>
    public sealed record Query(Guid? PersonId, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid PersonId { get; init; }
        public string PersonName { get; set; } = "";
        public Guid ModuleId { get; init; }
        public string ModuleName { get; init; } = "";
        public bool IsCore { get; init; }
        public DateTimeOffset CompletedAt { get; init; }
        public Guid? SessionId { get; init; }
    }

    /// <param name="PersonName">The person asked about, when one was and the user may see them.</param>
    /// <param name="Refused">A person was asked about whom the user may not see.</param>
    public sealed record Result(Paged<Row> Completions, string? PersonName, bool Refused, bool SeesEveryone);

    private const string Filter = """
        WHERE (@everyone = 1 OR c.person_id IN (SELECT value FROM json_each(@people)))
          AND (@personId IS NULL OR c.person_id = @personId)
        """;

    private const string CountSql = $"SELECT COUNT(*) FROM teams_completion c {Filter}";

    private const string PageSql = $"""
        SELECT c.person_id AS PersonId, c.module_id AS ModuleId, m.name AS ModuleName, m.is_core AS IsCore, c.completed_at AS CompletedAt, c.session_id AS SessionId
        FROM teams_completion c JOIN teams_curriculum_module m ON m.id = c.module_id
        {Filter}
        ORDER BY c.completed_at DESC, c.person_id, m.position
        LIMIT @limit OFFSET @offset
        """;

    private const string LedMembersSql = "SELECT person_id FROM teams_member WHERE team_id IN (SELECT value FROM json_each(@teams))";

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var people = new HashSet<Guid>();
            if (!scope.SeesAllTeams)
            {
                if (await scope.PersonIdAsync(ct) is { } me) people.Add(me);
                var led = await scope.LedTeamsAsync(ct);
                if (led.Count > 0)
                    people.UnionWith(await connection.QueryAsync<Guid>(new CommandDefinition(LedMembersSql, new { teams = SqlText.IdList(led) }, session.Transaction, cancellationToken: ct)));
            }
            var page = query.PageSize is null ? 1 : query.Page;
            var size = Math.Min(query.PageSize ?? int.MaxValue, Paging.MaxPageSize);
            if (query.PersonId is { } asked && !scope.SeesAllTeams && !people.Contains(asked))
                return new Result(new Paged<Row>([], 0, 1, size), null, true, false);

            var parameters = new DynamicParameters(new
            {
                everyone = scope.SeesAllTeams ? 1 : 0, people = SqlText.IdList(people),
                limit = query.PageSize ?? int.MaxValue, offset = Paging.Offset(page, size),
            });
            parameters.Add("personId", query.PersonId?.ToString(), System.Data.DbType.String);
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, parameters, session.Transaction, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, parameters, session.Transaction, cancellationToken: ct))).ToList();
            var ids = rows.Select(r => r.PersonId).Append(query.PersonId ?? Guid.Empty).Where(g => g != Guid.Empty).Distinct().ToList();
            var names = ids.Count == 0 ? new Dictionary<Guid, string>()
                : (await sender.Send(new GetPeopleByIds(ids), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            foreach (var row in rows) row.PersonName = names.GetValueOrDefault(row.PersonId, "(unknown person)");
            var personName = query.PersonId is { } id ? names.GetValueOrDefault(id) : null;
            return new Result(new Paged<Row>(rows, total, page, size), personName, false, scope.SeesAllTeams);
        }
    }
}
