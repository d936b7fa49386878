using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Listening.Issues;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// One event with its people and everything heard at it, for its page and its delete confirmation. Null when it is not
/// there or the user may not see it (managers of the campaign, and whoever recorded it; never an Observer).
/// </summary>
public static class GetEvent
{
    public sealed record Query(Guid Id) : IQuery<Result?>;

    public sealed class Heard
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public int Position { get; init; }
        public string Text { get; init; } = "";
        public string? Consent { get; init; }
        public Guid? RaisedId { get; init; }
        public Guid? TellerPersonId { get; init; }
        public string? TellerLabel { get; init; }
        public string? TellerName { get; set; }
        public IReadOnlyList<string> Themes { get; set; } = [];
    }

    public sealed class Result
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public string CampaignName { get; init; } = "";
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public int Headcount { get; init; }
        public string? Language { get; init; }
        public string? Notes { get; init; }
        public Guid NetworkId { get; init; }
        public Guid? HostPersonId { get; init; }
        public Guid? RecordedBy { get; init; }
        public Guid TeamId { get; init; }
        public string NetworkName { get; set; } = "";
        public string? HostName { get; set; }
        public IReadOnlyList<string> Facilitators { get; set; } = [];
        public IReadOnlyList<string> Participants { get; set; } = [];
        public IReadOnlyList<Heard> Rows { get; set; } = [];
        /// <summary>Candidate issues that cite an issue raised here (their links go with it).</summary>
        public int CandidateLinks { get; set; }
        public int Issues => Rows.Count(r => r.Kind == HeardKinds.Issue);
        public int Stories => Rows.Count(r => r.Kind != HeardKinds.Issue);
    }

    private const string EventSql = """
        SELECT e.id AS Id, e.campaign_id AS CampaignId, c.name AS CampaignName, e.type AS Type, e.held_at AS HeldAt, e.place AS Place, e.headcount AS Headcount,
               e.language AS Language, e.notes AS Notes, e.network_id AS NetworkId, e.host_person_id AS HostPersonId, e.recorded_by AS RecordedBy,
               c.team_id AS TeamId
        FROM listening_event e JOIN listening_campaign c ON c.id = e.campaign_id WHERE e.id = @id
        """;
    private const string HeardSql = """
        SELECT r.id AS Id, 'issue' AS Kind, r.position AS Position, r.text AS Text, NULL AS Consent, NULL AS RaisedId, NULL AS TellerPersonId, NULL AS TellerLabel
        FROM listening_raised r WHERE r.event_id = @id
        UNION ALL
        SELECT s.id AS Id, s.kind AS Kind, s.position AS Position, s.text AS Text, s.consent AS Consent, s.raised_id AS RaisedId, s.teller_person_id AS TellerPersonId,
               s.teller_label AS TellerLabel
        FROM listening_story s WHERE s.event_id = @id
        """;
    private const string CandidateLinksSql = """
        SELECT COUNT(*) FROM listening_candidate_raised cr WHERE cr.raised_id IN (SELECT r.id FROM listening_raised r WHERE r.event_id = @id)
        """;

    internal sealed class Handler(DbSession session, ListeningScope scope, ThemeNames themeNames, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var result = await connection.QuerySingleOrDefaultAsync<Result>(new CommandDefinition(EventSql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
            if (result is null || !await scope.SeesEventAsync(result.TeamId, result.RecordedBy, ct)) return null;
            var people = await EventRecords.PeopleAsync(session, query.Id, ct);
            var rows = (await connection.QueryAsync<Heard>(new CommandDefinition(HeardSql, new { id = query.Id }, session.Transaction, cancellationToken: ct)))
                .OrderBy(r => r.Position).ThenBy(r => r.Id).ToList();
            var tags = await themeNames.OfRaisedAsync(rows.Where(r => r.Kind == HeardKinds.Issue).Select(r => r.Id).ToList(), ct);
            result.CandidateLinks = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CandidateLinksSql, new { id = query.Id }, session.Transaction, cancellationToken: ct));

            var ids = people.Select(p => p.PersonId).Concat(rows.Where(r => r.TellerPersonId is not null).Select(r => r.TellerPersonId!.Value)).ToHashSet();
            if (result.HostPersonId is { } host) ids.Add(host);
            var names = ids.Count == 0 ? new Dictionary<Guid, string>() : (await sender.Send(new GetPeopleByIds(ids), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            string NameOf(Guid id) => names.GetValueOrDefault(id, "(unknown person)");
            result.HostName = result.HostPersonId is { } h ? NameOf(h) : null;
            result.Facilitators = people.Where(p => p.Role == EventRoles.Facilitator).Select(p => NameOf(p.PersonId)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            result.Participants = people.Where(p => p.Role == EventRoles.Participant).Select(p => NameOf(p.PersonId)).Order(StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var row in rows)
            {
                row.Themes = tags.GetValueOrDefault(row.Id, []);
                row.TellerName = row.TellerPersonId is { } t ? NameOf(t) : null;
            }
            result.Rows = rows;
            result.NetworkName = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).FirstOrDefault(n => n.Id == result.NetworkId)?.Name ?? "";
            return result;
        }
    }
}
