using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Settings;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// What the event forms (Create, Edit, Record) offer: the campaign, its networks, its team's members as facilitators,
/// the themes with their codes, the names of the people the form holds, people found by a search, and, for an existing
/// event, its fields and rows as saved. Null when the campaign or event is not there or the user may not record in it.
/// </summary>
public static class GetEventForm
{
    public sealed record Query(Guid? CampaignId, Guid? EventId, string? Search = null, IReadOnlyCollection<Guid>? PeopleToName = null) : IQuery<Result?>;

    public sealed record Option(Guid Id, string Name);

    /// <summary>A theme and the short code typed for it on the bulk-entry page.</summary>
    public sealed record ThemeOption(Guid Id, string Name, string Code);

    public sealed class Result
    {
        public Guid CampaignId { get; init; }
        public string CampaignName { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public IReadOnlyList<Option> Networks { get; init; } = [];
        public IReadOnlyList<Option> Members { get; init; } = [];
        public IReadOnlyList<ThemeOption> Themes { get; init; } = [];
        /// <summary>The saved event as a command (rows included), when editing.</summary>
        public RecordEvent.Command? Saved { get; init; }
        public IReadOnlyDictionary<Guid, string> Names { get; init; } = new Dictionary<Guid, string>();
        /// <summary>Null when nothing was searched for.</summary>
        public IReadOnlyList<PersonSummary>? Matches { get; init; }
    }

    private sealed class EventRow
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public Guid NetworkId { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public int Headcount { get; init; }
        public string? Language { get; init; }
        public Guid? HostPersonId { get; init; }
        public string? Notes { get; init; }
        public Guid? RecordedBy { get; init; }
    }

    private sealed class HeardRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public int Position { get; init; }
        public string Text { get; init; } = "";
        public string? Consent { get; init; }
        public Guid? TellerPersonId { get; init; }
        public string? TellerLabel { get; init; }
    }

    private sealed class TagRow
    {
        public Guid RaisedId { get; init; }
        public Guid ThemeId { get; init; }
    }

    private const string EventSql = """
        SELECT id AS Id, campaign_id AS CampaignId, network_id AS NetworkId, type AS Type, held_at AS HeldAt, place AS Place, headcount AS Headcount,
               language AS Language, host_person_id AS HostPersonId, notes AS Notes, recorded_by AS RecordedBy
        FROM listening_event WHERE id = @id
        """;
    private const string HeardSql = """
        SELECT r.id AS Id, 'issue' AS Kind, r.position AS Position, r.text AS Text, NULL AS Consent, NULL AS TellerPersonId, NULL AS TellerLabel
        FROM listening_raised r WHERE r.event_id = @id
        UNION ALL
        SELECT s.id AS Id, s.kind AS Kind, s.position AS Position, s.text AS Text, s.consent AS Consent, s.teller_person_id AS TellerPersonId, s.teller_label AS TellerLabel
        FROM listening_story s WHERE s.event_id = @id
        """;
    private const string TagsSql = """
        SELECT t.raised_id AS RaisedId, t.theme_id AS ThemeId FROM listening_raised_theme t
        WHERE t.raised_id IN (SELECT r.id FROM listening_raised r WHERE r.event_id = @id)
        """;

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender, OrganisationTime time) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            EventRow? saved = null;
            if (query.EventId is { } eventId)
            {
                saved = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(EventSql, new { id = eventId }, session.Transaction, cancellationToken: ct));
                if (saved is null) return null;
            }
            var campaignId = saved?.CampaignId ?? query.CampaignId;
            if (campaignId is null) return null;
            var campaign = await EventRecords.CampaignAsync(session, campaignId.Value, ct);
            if (campaign is null || !await scope.RecordsInAsync(campaign.TeamId, ct)) return null;
            if (saved is not null && !await scope.SeesEventAsync(campaign.TeamId, saved.RecordedBy, ct)) return null;

            var networkIds = campaign.NetworkIds;
            var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).Where(n => networkIds.Contains(n.Id))
                .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Select(n => new Option(n.Id, n.Name)).ToList();
            var themes = await ThemeCodes.LoadAsync(session, ct);
            var memberIds = await sender.Send(new GetTeamMembers(campaign.TeamId), ct);

            RecordEvent.Command? command = null;
            var toName = new HashSet<Guid>(memberIds.Concat(query.PeopleToName ?? []));
            if (saved is not null)
            {
                var people = await EventRecords.PeopleAsync(session, saved.Id, ct);
                var heard = (await connection.QueryAsync<HeardRow>(new CommandDefinition(HeardSql, new { id = saved.Id }, session.Transaction, cancellationToken: ct)))
                    .OrderBy(h => h.Position).ThenBy(h => h.Id).ToList();
                var tags = (await connection.QueryAsync<TagRow>(new CommandDefinition(TagsSql, new { id = saved.Id }, session.Transaction, cancellationToken: ct))).ToLookup(t => t.RaisedId);
                var themeNames = themes.ToDictionary(t => t.Id, t => t.Name);
                var local = await time.ToLocalAsync(saved.HeldAt);
                command = new RecordEvent.Command
                {
                    EventId = saved.Id, CampaignId = campaign.Id, NetworkId = saved.NetworkId, Type = saved.Type,
                    Date = DateOnly.FromDateTime(local.DateTime), Time = TimeOnly.FromDateTime(local.DateTime),
                    Place = saved.Place, Headcount = saved.Headcount, Language = saved.Language, HostPersonId = saved.HostPersonId, Notes = saved.Notes,
                    FacilitatorIds = people.Where(p => p.Role == EventRoles.Facilitator).Select(p => p.PersonId).ToList(),
                    ParticipantIds = people.Where(p => p.Role == EventRoles.Participant).Select(p => p.PersonId).ToList(),
                    Rows = heard.Select(h => new RecordEvent.Row
                    {
                        Id = h.Id, Kind = h.Kind, Text = h.Text, Consent = h.Consent, TellerPersonId = h.TellerPersonId, TellerLabel = h.TellerLabel,
                        Themes = string.Join(", ", tags[h.Id].Select(t => themeNames.GetValueOrDefault(t.ThemeId, "")).Where(n => n != "").Order(StringComparer.OrdinalIgnoreCase)),
                    }).ToList(),
                };
                toName.UnionWith(people.Select(p => p.PersonId));
                if (saved.HostPersonId is { } host) toName.Add(host);
                toName.UnionWith(heard.Where(h => h.TellerPersonId is not null).Select(h => h.TellerPersonId!.Value));
            }

            var names = toName.Count == 0 ? new Dictionary<Guid, string>()
                : (await sender.Send(new GetPeopleByIds(toName), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            IReadOnlyList<PersonSummary>? matches = null;
            if (!string.IsNullOrWhiteSpace(query.Search))
                matches = (await sender.Send(new SearchPeople(query.Search.Trim(), 20), ct)).Where(p => !p.IsErased).ToList();

            return new Result
            {
                CampaignId = campaign.Id,
                CampaignName = campaign.Name,
                StartsOn = DateOnly.ParseExact(campaign.StartsOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                EndsOn = DateOnly.ParseExact(campaign.EndsOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Networks = networks,
                Members = memberIds.Select(m => new Option(m, names.GetValueOrDefault(m, "(unknown person)"))).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList(),
                Themes = themes.Select(t => new ThemeOption(t.Id, t.Name, t.Code)).ToList(),
                Saved = command,
                Names = names,
                Matches = matches,
            };
        }
    }
}
