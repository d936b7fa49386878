using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// What the record and edit form needs: the one-to-one as saved (when editing), the person met (chosen by id) or the
/// people a search found, the teams it may be for, and who may be named as holding it (Organisers only).
/// </summary>
public static class GetOneToOneForm
{
    public const int MaxSearchMatches = 20;

    /// <param name="Id">The one-to-one being edited; null to record a new one.</param>
    /// <param name="PersonId">The person chosen as met (overrides the saved one).</param>
    /// <param name="Search">Text to find the person met by.</param>
    public sealed record Query(Guid? Id, Guid? PersonId, string? Search) : IQuery<Result?>;

    public sealed class Option
    {
        public Guid Id { get; init; }
        public string Name { get; set; } = "";
    }

    /// <param name="Saved">The one-to-one being edited (with its notes), else null.</param>
    /// <param name="Person">The person met, once chosen.</param>
    /// <param name="Matches">The people found by the search; null when none was asked for.</param>
    /// <param name="Holders">Who an Organiser may name as holding it (themselves first); null for everyone else, who hold their own.</param>
    /// <param name="HolderName">Who holds it when the user cannot choose: themselves, or the saved holder.</param>
    /// <param name="OwnPersonId">The user's own person, if any: without one, a non-Organiser cannot record.</param>
    public sealed record Result(GetOneToOne.Details? Saved, PersonSummary? Person, IReadOnlyList<PersonSummary>? Matches, IReadOnlyList<Option> Teams,
        IReadOnlyList<Option>? Holders, string? HolderName, Guid? OwnPersonId, bool SeesAllTeams);

    private const string AllTeamsSql = "SELECT id AS Id, name AS Name FROM teams_team WHERE status <> 'closed' OR id = @savedTeam ORDER BY lower(name), id";
    private const string SomeTeamsSql = """
        SELECT id AS Id, name AS Name FROM teams_team
        WHERE (id IN (SELECT value FROM json_each(@teams)) AND status <> 'closed') OR id = @savedTeam ORDER BY lower(name), id
        """;
    private const string MembersSql = "SELECT DISTINCT m.person_id FROM teams_member m JOIN teams_team t ON t.id = m.team_id WHERE t.status <> 'closed'";

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var access = await OneToOneAccess.ForAsync(scope, ct);
            if (access.IsObserver) return null;
            GetOneToOne.Details? saved = null;
            if (query.Id is { } id)
            {
                saved = await sender.Send(new GetOneToOne.Query(id), ct);
                if (saved is null || !saved.CanSeeNotes) return null;
            }

            var connection = await session.ConnectionAsync(ct);
            var teams = access.SeesAll
                ? await connection.QueryAsync<Option>(new CommandDefinition(AllTeamsSql, new { savedTeam = saved?.TeamId }, session.Transaction, cancellationToken: ct))
                : await connection.QueryAsync<Option>(new CommandDefinition(SomeTeamsSql,
                    new { teams = SqlText.IdList(access.MemberTeams), savedTeam = saved?.TeamId }, session.Transaction, cancellationToken: ct));

            var personId = query.PersonId ?? saved?.MetPersonId;
            var wanted = new HashSet<Guid>();
            if (personId is { } p) wanted.Add(p);
            if (access.PersonId is { } own) wanted.Add(own);
            List<Guid> memberIds = [];
            if (access.SeesAll)
            {
                memberIds = (await connection.QueryAsync<Guid>(new CommandDefinition(MembersSql, transaction: session.Transaction, cancellationToken: ct))).ToList();
                wanted.UnionWith(memberIds);
            }
            var people = (await sender.Send(new GetPeopleByIds(wanted), ct)).ToDictionary(x => x.Id);

            PersonSummary? person = personId is { } chosen && people.TryGetValue(chosen, out var found) && !found.IsErased ? found : null;
            IReadOnlyList<PersonSummary>? matches = string.IsNullOrWhiteSpace(query.Search) ? null
                : await sender.Send(new SearchPeople(query.Search.Trim(), MaxSearchMatches), ct);

            List<Option>? holders = null;
            string? holderName;
            if (access.SeesAll)
            {
                holders = [];
                if (access.PersonId is { } me && people.TryGetValue(me, out var self)) holders.Add(new Option { Id = me, Name = $"Me ({self.DisplayName})" });
                if (saved is not null && holders.All(h => h.Id != saved.HeldBy)) holders.Add(new Option { Id = saved.HeldBy, Name = saved.HeldByName });
                holders.AddRange(memberIds.Where(m => holders.All(h => h.Id != m)).Select(m => people.TryGetValue(m, out var s) && !s.IsErased ? new Option { Id = m, Name = s.DisplayName } : null)
                    .OfType<Option>().OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase));
                holderName = null;
            }
            else
            {
                holderName = saved?.HeldByName ?? (access.PersonId is { } me && people.TryGetValue(me, out var self) ? self.DisplayName : null);
            }
            return new Result(saved, person, matches, teams.ToList(), holders, holderName, access.PersonId, access.SeesAll);
        }
    }
}
