using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Teams.Training;

using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// A session's page. Everyone who may view training sees the session, its numbers and their own place; the names of
/// those enrolled and waiting only those who manage it (the team's Leaders, Organisers).
/// </summary>
public static class GetSession
{
    /// <param name="Search">Finding a person to enrol (managers only): matched through Networks, within what the user may see.</param>
    public sealed record Query(Guid Id, string? Search = null) : IQuery<Details?>;

    public sealed class Person
    {
        public Guid Id { get; init; }
        public string Name { get; set; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset EnrolledAt { get; init; }
        public bool? Attended { get; init; }
        public int Position { get; set; }
    }

    public sealed class Details
    {
        public Guid Id { get; init; }
        public Guid ModuleId { get; init; }
        public string ModuleName { get; init; } = "";
        public Guid? TeamId { get; init; }
        public string? TeamName { get; init; }
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        /// <summary>"Tue 3 Mar 2026, 18:30–20:30" in the organisation's time zone.</summary>
        public string When { get; init; } = "";
        public string? Place { get; init; }
        public string? OnlineLink { get; init; }
        public string? Trainer { get; init; }
        public int Capacity { get; init; }
        public bool IsCancelled { get; init; }
        public bool HasStarted { get; init; }
        public bool HasEnded { get; init; }
        public int EnrolledCount { get; init; }
        public int WaitingCount { get; init; }
        public bool CanManage { get; init; }
        public Guid? MyPersonId { get; init; }
        public string? MyStatus { get; init; }
        public int MyWaitingPosition { get; init; }
        /// <summary>Empty unless <see cref="CanManage"/>.</summary>
        public IReadOnlyList<Person> Enrolled { get; init; } = [];
        /// <summary>In waiting-list order; empty unless <see cref="CanManage"/>.</summary>
        public IReadOnlyList<Person> Waiting { get; init; } = [];
        /// <summary>Null when no search was made.</summary>
        public IReadOnlyList<PersonSummary>? Matches { get; init; }
    }

    private const string EnrolmentsSql = """
        SELECT person_id AS Id, status AS Status, enrolled_at AS EnrolledAt, attended AS Attended
        FROM teams_enrolment WHERE session_id = @sessionId AND status IN ('enrolled', 'waiting')
        ORDER BY enrolled_at, person_id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, OrganisationTime time, ISender sender, TimeProvider clock) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            var row = await SessionAccess.LoadAsync(session, query.Id, ct);
            if (row is null) return null;
            var connection = await session.ConnectionAsync(ct);
            var people = (await connection.QueryAsync<Person>(new CommandDefinition(EnrolmentsSql, new { sessionId = row.Id }, session.Transaction, cancellationToken: ct))).ToList();
            var waiting = people.Where(p => p.Status == "waiting").ToList();
            for (var i = 0; i < waiting.Count; i++) waiting[i].Position = i + 1;
            var enrolled = people.Where(p => p.Status == "enrolled").ToList();

            var manages = await SessionAccess.ManagesAsync(scope, row.TeamId, ct);
            var me = await scope.PersonIdAsync(ct);
            var mine = me is null ? null : people.FirstOrDefault(p => p.Id == me);

            IReadOnlyList<PersonSummary>? matches = null;
            if (manages)
            {
                var names = (await sender.Send(new GetPeopleByIds(people.Select(p => p.Id).ToList()), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
                foreach (var p in people) p.Name = names.GetValueOrDefault(p.Id, "(unknown person)");
                enrolled = enrolled.OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
                if (!string.IsNullOrWhiteSpace(query.Search)) matches = await sender.Send(new SearchPeople(query.Search.Trim(), 20), ct);
            }

            var now = clock.GetUtcNow();
            return new Details
            {
                Id = row.Id, ModuleId = row.ModuleId, ModuleName = row.ModuleName, TeamId = row.TeamId, TeamName = row.TeamName,
                StartsAt = row.StartsAt, EndsAt = row.EndsAt,
                When = TrainingTime.DescribeSpan(await time.ToLocalAsync(row.StartsAt), await time.ToLocalAsync(row.EndsAt)),
                Place = row.Place, OnlineLink = row.OnlineLink, Trainer = row.Trainer, Capacity = row.Capacity, IsCancelled = row.IsCancelled,
                HasStarted = row.StartsAt <= now, HasEnded = row.EndsAt <= now,
                EnrolledCount = enrolled.Count, WaitingCount = waiting.Count, CanManage = manages,
                MyPersonId = me, MyStatus = mine?.Status, MyWaitingPosition = mine?.Position ?? 0,
                Enrolled = manages ? enrolled : [], Waiting = manages ? waiting : [], Matches = matches,
            };
        }
    }
}
