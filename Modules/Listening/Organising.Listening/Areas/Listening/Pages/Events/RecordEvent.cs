using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Events;

/// <summary>
/// Saving a listening event and, optionally, the rows heard at it: the one command behind scheduling, editing and the
/// bulk entry of a paper report-back form. No EventId records a new event in CampaignId; an EventId edits that event
/// (its campaign stays). With <see cref="Command.WithRows"/>, the rows posted are the event's rows: a row with the id
/// of an existing row updates it (so a candidate issue's links stay), a row without one is added, and existing rows not
/// posted are removed. A story, testimony or quote stands behind the nearest issue row above it. Blank rows are ignored.
/// </summary>
public static class RecordEvent
{
    /// <summary>Rows on a fresh bulk-entry form.</summary>
    public const int GridRows = 30;
    public const int MaxRows = 200;
    public const int MaxTextLength = 4000;
    public const string NoSuchCampaign = "That campaign is not there, or you cannot record events in it.";
    public const string NoSuchEvent = "That event is not there, or you cannot change it.";

    /// <summary>The time stored for an event that has taken place when the form gives only its date.</summary>
    public static readonly TimeOnly UnknownTime = new(12, 0);

    public sealed class Command : ICommand<Result>, IValidatable, IAuditedCommand
    {
        public Guid? EventId { get; set; }
        public Guid? CampaignId { get; set; }

        /// <summary>One of the campaign's networks; none means its first.</summary>
        public Guid? NetworkId { get; set; }

        [Required(ErrorMessage = "Choose the type of event.")]
        public string? Type { get; set; }

        [Required(ErrorMessage = "Enter the date of the event.")]
        public DateOnly? Date { get; set; }

        /// <summary>Local time; needed for an event still to come (its reminders), else noon when not known.</summary>
        public TimeOnly? Time { get; set; }

        [StringLength(300, ErrorMessage = "Use at most 300 characters for the place.")]
        public string? Place { get; set; }

        [Range(0, 100_000, ErrorMessage = "Enter the headcount as a number from 0.")]
        public int? Headcount { get; set; }

        [StringLength(100, ErrorMessage = "Use at most 100 characters for the language.")]
        public string? Language { get; set; }

        /// <summary>The person who hosted a house meeting.</summary>
        public Guid? HostPersonId { get; set; }

        /// <summary>Members of the campaign's team who ran it.</summary>
        public List<Guid> FacilitatorIds { get; set; } = [];

        /// <summary>People named as taking part (those the user may see in Networks).</summary>
        public List<Guid> ParticipantIds { get; set; } = [];

        [StringLength(4000, ErrorMessage = "Use at most 4,000 characters for the notes.")]
        public string? Notes { get; set; }

        /// <summary>The user confirmed a date outside the campaign's dates.</summary>
        public bool ConfirmOutsideCampaign { get; set; }

        /// <summary>Whether <see cref="Rows"/> are the event's rows (bulk entry); false leaves what was heard as it is.</summary>
        public bool WithRows { get; set; } = true;

        public List<Row> Rows { get; set; } = [];

        public IEnumerable<FieldError> Validate()
        {
            if (Type is not null && !EventTypes.All.Contains(Type)) yield return new FieldError(nameof(Type), "Choose one of the types in the list.");
            if (HostPersonId is not null && Type is not null && Type != EventTypes.HouseMeeting)
                yield return new FieldError(nameof(HostPersonId), "Only a house meeting has a host: remove the host or choose “House meeting”.");
            var named = ParticipantIds.Distinct().Count();
            if (Headcount is { } headcount && headcount < named)
                yield return new FieldError(nameof(Headcount),
                    $"{named} {(named == 1 ? "person is" : "people are")} named as taking part, so the headcount cannot be less than {named}.");
            if (!WithRows) yield break;
            if (Rows.Count(r => !r.IsBlank) > MaxRows) yield return new FieldError("", $"One form can hold at most {MaxRows} rows.");
            for (var i = 0; i < Rows.Count; i++)
            {
                var row = Rows[i];
                if (row.IsBlank) continue;
                var at = $"{nameof(Rows)}[{i}]";
                if (!HeardKinds.All.Contains(row.Kind ?? ""))
                {
                    yield return new FieldError($"{at}.{nameof(Row.Kind)}", $"Row {i + 1}: choose issue, story, testimony or quote.");
                    continue;
                }
                if (string.IsNullOrWhiteSpace(row.Text))
                    yield return new FieldError($"{at}.{nameof(Row.Text)}", $"Row {i + 1}: write what was said, or clear the row.");
                else if (row.Text.Length > MaxTextLength)
                    yield return new FieldError($"{at}.{nameof(Row.Text)}", $"Row {i + 1}: use at most {MaxTextLength:N0} characters.");
                if (row.Kind == HeardKinds.Issue && string.IsNullOrWhiteSpace(row.Themes) && row.ThemeIds.Count == 0)
                    yield return new FieldError($"{at}.{nameof(Row.Themes)}", $"Row {i + 1}: give the issue at least one theme.");
                if (HeardKinds.IsStory(row.Kind) && !StoryConsents.All.Contains(row.Consent ?? ""))
                    yield return new FieldError($"{at}.{nameof(Row.Consent)}", $"Row {i + 1}: choose the teller's consent to share: public, alliance or none.");
                if (row.TellerLabel is { Length: > 200 })
                    yield return new FieldError($"{at}.{nameof(Row.TellerLabel)}", $"Row {i + 1}: use at most 200 characters to describe the teller.");
            }
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Result r
            ? new AuditEntry(r.Created ? "listening.event-recorded" : "listening.event-edited", "listening-event", r.EventId.ToString(),
                $"Listening event {(r.Created ? "recorded" : "edited")}{(WithRows ? $" with {r.Issues} issues and {r.Stories} stories, testimonies and quotes" : "")}.")
            : null;
    }

    /// <summary>One row of a report-back form.</summary>
    public sealed class Row
    {
        /// <summary>The saved row's id, when editing (an issue's or a story's, by kind).</summary>
        public Guid? Id { get; set; }
        public string? Kind { get; set; } = HeardKinds.Issue;
        public string? Text { get; set; }

        /// <summary>Theme names or codes as typed, separated by commas.</summary>
        public string? Themes { get; set; }

        public List<Guid> ThemeIds { get; set; } = [];
        public string? Consent { get; set; }
        public Guid? TellerPersonId { get; set; }
        public string? TellerLabel { get; set; }

        /// <summary>Nothing typed: the row is left out (its kind and consent selects alone do not count).</summary>
        public bool IsBlank => string.IsNullOrWhiteSpace(Text) && string.IsNullOrWhiteSpace(Themes) && ThemeIds.Count == 0
            && string.IsNullOrWhiteSpace(TellerLabel) && TellerPersonId is null;
    }

    public sealed record Result(Guid EventId, Guid CampaignId, bool Created, int Issues, int Stories);

    private sealed class EventRow
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public Guid? RecordedBy { get; init; }
        public Guid? HostPersonId { get; init; }
    }

    private sealed class StoryRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public Guid? TellerPersonId { get; init; }
    }

    private const string EventSql = """
        SELECT id AS Id, campaign_id AS CampaignId, recorded_by AS RecordedBy, host_person_id AS HostPersonId FROM listening_event WHERE id = @id
        """;
    private const string RaisedIdsSql = "SELECT id FROM listening_raised WHERE event_id = @id";
    private const string StoriesSql = "SELECT id AS Id, kind AS Kind, teller_person_id AS TellerPersonId FROM listening_story WHERE event_id = @id";

    private const string InsertEventSql = """
        INSERT INTO listening_event (id, campaign_id, network_id, type, held_at, place, headcount, language, host_person_id, notes, recorded_by, created_at, updated_at)
        VALUES (@id, @campaignId, @networkId, @type, @heldAt, @place, @headcount, @language, @host, @notes, @userId, @now, @now)
        """;
    private const string UpdateEventSql = """
        UPDATE listening_event SET network_id = @networkId, type = @type, held_at = @heldAt, place = @place, headcount = @headcount,
            language = @language, host_person_id = @host, notes = @notes, updated_at = @now
        WHERE id = @id
        """;
    private const string DeletePeopleSql = "DELETE FROM listening_event_person WHERE event_id = @id";

    private const string DeleteStoriesSql = """
        DELETE FROM listening_story WHERE event_id = @id AND id NOT IN (SELECT value FROM json_each(@keep))
        """;
    private const string DeleteRaisedSql = """
        DELETE FROM listening_raised WHERE event_id = @id AND id NOT IN (SELECT value FROM json_each(@keep))
        """;
    private const string DeleteRaisedThemesSql = """
        DELETE FROM listening_raised_theme WHERE raised_id IN (SELECT r.id FROM listening_raised r WHERE r.event_id = @id)
        """;
    private const string UpdateRaisedSql = "UPDATE listening_raised SET position = @Position, text = @Text WHERE id = @Id";
    private const string UpdateStorySql = """
        UPDATE listening_story SET raised_id = @RaisedId, kind = @Kind, position = @Position, text = @Text, teller_person_id = @TellerPersonId,
            teller_label = @TellerLabel, consent = @Consent
        WHERE id = @Id
        """;

    private sealed class RaisedUpdate
    {
        public string Id { get; init; } = "";
        public int Position { get; init; }
        public string Text { get; init; } = "";
    }

    private sealed class StoryUpdate
    {
        public string Id { get; init; } = "";
        public string? RaisedId { get; init; }
        public string Kind { get; init; } = "";
        public int Position { get; init; }
        public string Text { get; init; } = "";
        public string? TellerPersonId { get; init; }
        public string? TellerLabel { get; init; }
        public string Consent { get; init; } = "";
    }

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender, OrganisationTime localTime, EventFollowUps followUps, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var now = time.GetUtcNow();
            var errors = new List<FieldError>();

            EventRow? existing = null;
            if (command.EventId is { } eventId)
            {
                existing = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(EventSql, new { id = eventId }, session.Transaction, cancellationToken: ct));
                if (existing is null) throw new ValidationFailedException("", NoSuchEvent);
            }
            var campaignId = existing?.CampaignId ?? command.CampaignId ?? throw new ValidationFailedException("", NoSuchCampaign);
            var campaign = await EventRecords.CampaignAsync(session, campaignId, ct);
            if (existing is not null && (campaign is null || !await scope.SeesEventAsync(campaign.TeamId, existing.RecordedBy, ct)))
                throw new ValidationFailedException("", NoSuchEvent);
            if (campaign is null || !await scope.RecordsInAsync(campaign.TeamId, ct))
                throw new ValidationFailedException("", NoSuchCampaign);

            // The network: one of the campaign's, its first by name unless chosen.
            var campaignNetworks = campaign.NetworkIds;
            Guid? networkId = command.NetworkId;
            if (networkId is { } chosen && !campaignNetworks.Contains(chosen))
                errors.Add(new FieldError(nameof(Command.NetworkId), "Choose one of the campaign's networks."));
            else if (networkId is null && campaignNetworks.Count > 0)
            {
                var names = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name);
                networkId = campaignNetworks.OrderBy(n => names.GetValueOrDefault(n, "~"), StringComparer.OrdinalIgnoreCase).ThenBy(n => n).First();
            }
            else if (networkId is null) errors.Add(new FieldError(nameof(Command.NetworkId), "The campaign has no network: add one to the campaign first."));

            // People: facilitators from the campaign's team; anyone else linked by id must be someone the user may see,
            // unless the event already holds them (kept as they are).
            var previousPeople = existing is null ? [] : await EventRecords.PeopleAsync(session, existing.Id, ct);
            var previousStories = existing is null ? [] : (await connection.QueryAsync<StoryRow>(new CommandDefinition(StoriesSql, new { id = existing.Id }, session.Transaction, cancellationToken: ct))).ToList();
            var facilitators = command.FacilitatorIds.Distinct().ToList();
            if (facilitators.Count > 0)
            {
                var members = (await sender.Send(new GetTeamMembers(campaign.TeamId), ct)).ToHashSet();
                if (facilitators.Any(f => !members.Contains(f)))
                    errors.Add(new FieldError(nameof(Command.FacilitatorIds), "Choose facilitators from the members of the team running the campaign."));
            }
            var participants = command.ParticipantIds.Distinct().ToList();
            var rows = command.WithRows ? command.Rows.Where(r => !r.IsBlank).ToList() : [];
            var known = previousPeople.Select(p => p.PersonId).Concat(previousStories.Where(s => s.TellerPersonId is not null).Select(s => s.TellerPersonId!.Value));
            if (existing?.HostPersonId is { } previousHost) known = known.Append(previousHost);
            var knownSet = known.ToHashSet();
            var linked = participants.Concat(command.HostPersonId is { } h ? [h] : []).Concat(rows.Where(r => r.TellerPersonId is not null).Select(r => r.TellerPersonId!.Value))
                .Where(p => !knownSet.Contains(p)).Distinct().ToList();
            if (linked.Count > 0)
            {
                var visible = (await sender.Send(new GetVisiblePeople(linked), ct)).Select(p => p.Id).ToHashSet();
                if (participants.Any(p => !knownSet.Contains(p) && !visible.Contains(p)))
                    errors.Add(new FieldError(nameof(Command.ParticipantIds), "Someone named as taking part is not in the people you can see: search for them again."));
                if (command.HostPersonId is { } host && !knownSet.Contains(host) && !visible.Contains(host))
                    errors.Add(new FieldError(nameof(Command.HostPersonId), "Choose the host from the people you can see."));
                for (var i = 0; i < command.Rows.Count; i++)
                    if (!command.Rows[i].IsBlank && command.WithRows && command.Rows[i].TellerPersonId is { } teller && !knownSet.Contains(teller) && !visible.Contains(teller))
                        errors.Add(new FieldError($"{nameof(Command.Rows)}[{i}].{nameof(Row.TellerLabel)}", $"Row {i + 1}: the teller is not in the people you can see."));
            }

            // Themes: one query for the list, matched in memory.
            var themeIdsOfRow = new Dictionary<Row, IReadOnlyList<Guid>>();
            if (rows.Any(r => r.Kind == HeardKinds.Issue))
            {
                var themes = await ThemeCodes.LoadAsync(session, ct);
                var themeIds = themes.Select(t => t.Id).ToHashSet();
                for (var i = 0; i < command.Rows.Count; i++)
                {
                    var row = command.Rows[i];
                    if (row.IsBlank || row.Kind != HeardKinds.Issue) continue;
                    var (matched, error) = ThemeCodes.Match(row.Themes, themes);
                    if (error is not null) { errors.Add(new FieldError($"{nameof(Command.Rows)}[{i}].{nameof(Row.Themes)}", $"Row {i + 1}: {error}")); continue; }
                    if (row.ThemeIds.Any(t => !themeIds.Contains(t))) { errors.Add(new FieldError($"{nameof(Command.Rows)}[{i}].{nameof(Row.Themes)}", $"Row {i + 1}: choose themes from the list.")); continue; }
                    themeIdsOfRow[row] = matched.Concat(row.ThemeIds).Distinct().ToList();
                }
            }

            // When: the organisation's local date and time.
            var heldAt = await localTime.ToUtcAsync(command.Date!.Value, command.Time ?? UnknownTime);
            var future = heldAt > now;
            if (future && command.Time is null)
                errors.Add(new FieldError(nameof(Command.Time), "Enter the time it starts: the facilitators are reminded before it."));
            if (command.Headcount is null && !future)
                errors.Add(new FieldError(nameof(Command.Headcount), "Enter how many people took part."));
            var startsOn = DateOnly.ParseExact(campaign.StartsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var endsOn = DateOnly.ParseExact(campaign.EndsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if ((command.Date < startsOn || command.Date > endsOn) && !command.ConfirmOutsideCampaign)
                errors.Add(new FieldError(nameof(Command.ConfirmOutsideCampaign),
                    $"The campaign runs from {startsOn:d MMMM yyyy} to {endsOn:d MMMM yyyy}, and {command.Date:d MMMM yyyy} is outside it. If the date is right, tick “Save anyway” and save again."));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var id = existing?.Id ?? Guid.CreateVersion7();
            var parameters = new DynamicParameters(new
            {
                id, campaignId = campaign.Id, networkId = networkId!.Value, type = command.Type, heldAt, headcount = command.Headcount ?? 0, now,
            });
            parameters.Add("place", Clean(command.Place), System.Data.DbType.String);
            parameters.Add("language", Clean(command.Language), System.Data.DbType.String);
            parameters.Add("host", command.HostPersonId?.ToString(), System.Data.DbType.String);
            parameters.Add("notes", Clean(command.Notes), System.Data.DbType.String);
            parameters.Add("userId", scope.UserId?.ToString(), System.Data.DbType.String);
            await connection.ExecuteAsync(new CommandDefinition(existing is null ? InsertEventSql : UpdateEventSql, parameters, session.Transaction, cancellationToken: ct));

            if (existing is not null) await connection.ExecuteAsync(new CommandDefinition(DeletePeopleSql, new { id }, session.Transaction, cancellationToken: ct));
            await MultiRowInsert.ExecuteAsync(session, "listening_event_person", ["event_id", "person_id", "role"],
                facilitators.Select(f => new object?[] { id, f, EventRoles.Facilitator }).Concat(participants.Select(p => new object?[] { id, p, EventRoles.Participant })).ToList(), ct);

            var savedStories = previousStories.Select(s => new EventFollowUps.SavedStory(s.Id, s.Kind, s.TellerPersonId)).ToList();
            int issues = 0, stories = 0;
            if (command.WithRows)
            {
                (savedStories, issues, stories) = await SaveRowsAsync(id, campaign.Id, rows, themeIdsOfRow, previousStories, existing is not null, now, ct);
            }

            var saved = new EventFollowUps.SavedEvent(id, campaign.Name, command.Type!, heldAt, Clean(command.Place), command.HostPersonId);
            await followUps.RemindAsync(saved, facilitators, previousPeople.Where(p => p.Role == EventRoles.Facilitator).Select(p => p.PersonId).ToList(), ct);
            await followUps.CountActivitiesAsync(saved, savedStories,
                previousStories.Select(s => new EventFollowUps.SavedStory(s.Id, s.Kind, s.TellerPersonId)).ToList(), ct);
            return new Result(id, campaign.Id, existing is null, issues, stories);
        }

        private async Task<(List<EventFollowUps.SavedStory> Stories, int Issues, int StoryCount)> SaveRowsAsync(Guid eventId, Guid campaignId, List<Row> rows,
            Dictionary<Row, IReadOnlyList<Guid>> themeIdsOfRow, List<StoryRow> previousStories, bool editing, DateTimeOffset now, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var previousRaised = editing
                ? (await connection.QueryAsync<Guid>(new CommandDefinition(RaisedIdsSql, new { id = eventId }, session.Transaction, cancellationToken: ct))).ToHashSet()
                : [];
            var previousStoryIds = previousStories.Select(s => s.Id).ToHashSet();

            var raisedInserts = new List<object?[]>();
            var raisedUpdates = new List<RaisedUpdate>();
            var themeRows = new List<object?[]>();
            var storyInserts = new List<object?[]>();
            var storyUpdates = new List<StoryUpdate>();
            var saved = new List<EventFollowUps.SavedStory>();
            var keptRaised = new List<Guid>();
            var keptStories = new List<Guid>();
            Guid? behind = null;
            for (var position = 0; position < rows.Count; position++)
            {
                var row = rows[position];
                var text = row.Text!.Trim();
                if (row.Kind == HeardKinds.Issue)
                {
                    var reuse = row.Id is { } rid && previousRaised.Contains(rid);
                    var id = reuse ? row.Id!.Value : Guid.CreateVersion7();
                    if (reuse) { raisedUpdates.Add(new RaisedUpdate { Id = id.ToString("D"), Position = position, Text = text }); keptRaised.Add(id); }
                    else raisedInserts.Add([id, eventId, campaignId, position, text, now]);
                    foreach (var theme in themeIdsOfRow[row]) themeRows.Add([id, theme, campaignId]);
                    behind = id;
                }
                else
                {
                    var reuse = row.Id is { } sid && previousStoryIds.Contains(sid);
                    var id = reuse ? row.Id!.Value : Guid.CreateVersion7();
                    var label = Clean(row.TellerLabel);
                    if (reuse)
                    {
                        storyUpdates.Add(new StoryUpdate
                        {
                            Id = id.ToString("D"), RaisedId = behind?.ToString("D"), Kind = row.Kind!, Position = position, Text = text,
                            TellerPersonId = row.TellerPersonId?.ToString("D"), TellerLabel = label, Consent = row.Consent!,
                        });
                        keptStories.Add(id);
                    }
                    else storyInserts.Add([id, eventId, campaignId, behind, row.Kind, position, text, row.TellerPersonId, label, row.Consent, now]);
                    saved.Add(new EventFollowUps.SavedStory(id, row.Kind!, row.TellerPersonId));
                }
            }

            if (editing)
            {
                await connection.ExecuteAsync(new CommandDefinition(DeleteStoriesSql, new { id = eventId, keep = SqlText.IdList(keptStories) }, session.Transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(DeleteRaisedSql, new { id = eventId, keep = SqlText.IdList(keptRaised) }, session.Transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(DeleteRaisedThemesSql, new { id = eventId }, session.Transaction, cancellationToken: ct));
                if (raisedUpdates.Count > 0) await connection.ExecuteAsync(new CommandDefinition(UpdateRaisedSql, raisedUpdates, session.Transaction, cancellationToken: ct));
            }
            await MultiRowInsert.ExecuteAsync(session, "listening_raised", ["id", "event_id", "campaign_id", "position", "text", "created_at"], raisedInserts, ct);
            await MultiRowInsert.ExecuteAsync(session, "listening_raised_theme", ["raised_id", "theme_id", "campaign_id"], themeRows, ct);
            if (storyUpdates.Count > 0) await connection.ExecuteAsync(new CommandDefinition(UpdateStorySql, storyUpdates, session.Transaction, cancellationToken: ct));
            await MultiRowInsert.ExecuteAsync(session, "listening_story",
                ["id", "event_id", "campaign_id", "raised_id", "kind", "position", "text", "teller_person_id", "teller_label", "consent", "created_at"], storyInserts, ct);
            return (saved, raisedInserts.Count + raisedUpdates.Count, storyInserts.Count + storyUpdates.Count);
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
