using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>A recruit's stage history with dates and who moved them. Null when not there or the user may not see the team's people.</summary>
public static class GetRecruitHistory
{
    public sealed record Query(Guid RecruitId) : IQuery<History?>;

    public sealed class Entry
    {
        public string Stage { get; init; } = "";
        public DateTimeOffset EnteredAt { get; init; }
        public Guid? RecordedBy { get; init; }
        public string? Note { get; init; }
        public string? RecordedByName { get; set; }
    }

    public sealed class History
    {
        public Guid RecruitId { get; init; }
        public Guid TeamId { get; init; }
        public string TeamName { get; init; } = "";
        public Guid PersonId { get; init; }
        public string Stage { get; init; } = "";
        public DateTimeOffset StageSince { get; init; }
        public string Name { get; set; } = "";
        public IReadOnlyList<Entry> Entries { get; set; } = [];
    }

    private const string RecruitSql = """
        SELECT r.id AS RecruitId, r.team_id AS TeamId, t.name AS TeamName, r.person_id AS PersonId, r.stage AS Stage, r.stage_since AS StageSince
        FROM teams_recruit r JOIN teams_team t ON t.id = r.team_id WHERE r.id = @recruitId
        """;

    private const string EntriesSql = """
        SELECT stage AS Stage, entered_at AS EnteredAt, recorded_by AS RecordedBy, note AS Note
        FROM teams_recruit_stage WHERE recruit_id = @recruitId ORDER BY entered_at DESC, id DESC
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender, UserPeople userPeople) : IQueryHandler<Query, History?>
    {
        public async ValueTask<History?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var history = await connection.QuerySingleOrDefaultAsync<History>(new CommandDefinition(RecruitSql, new { recruitId = query.RecruitId }, session.Transaction, cancellationToken: ct));
            if (history is null || !await scope.SeesMembersAsync(history.TeamId, ct)) return null;
            var entries = (await connection.QueryAsync<Entry>(new CommandDefinition(EntriesSql, new { recruitId = query.RecruitId }, session.Transaction, cancellationToken: ct))).ToList();

            // recorded_by is a user; a user is the person with their e-mail address. Few distinct users move one recruit.
            var personOfUser = new Dictionary<Guid, Guid?>();
            foreach (var userId in entries.Where(e => e.RecordedBy is not null).Select(e => e.RecordedBy!.Value).Distinct())
                personOfUser[userId] = await userPeople.PersonOfUserAsync(userId, ct);
            var ids = personOfUser.Values.OfType<Guid>().Append(history.PersonId).Distinct().ToList();
            var names = (await sender.Send(new GetPeopleByIds(ids), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            history.Name = names.GetValueOrDefault(history.PersonId) ?? "Unknown person";
            foreach (var entry in entries)
            {
                entry.RecordedByName = entry.RecordedBy is { } u
                    ? personOfUser.GetValueOrDefault(u) is { } p && names.TryGetValue(p, out var n) ? n : "A user without a person record"
                    : null;
            }
            history.Entries = entries;
            return history;
        }
    }
}
