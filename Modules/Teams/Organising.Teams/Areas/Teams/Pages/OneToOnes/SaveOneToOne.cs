using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;
using Organising.Platform.Settings;
using Organising.Platform.Web;

using Organising.Teams.People;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// Recording and editing a one-to-one are one command: no Id records, an Id edits. The follow-up date schedules (or
/// moves, or cancels) a reminder to the person who held the meeting, in the same transaction.
/// </summary>
public static class SaveOneToOne
{
    public const int MaxNoteLength = 4000;

    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Choose the person you met: search for them by name, then choose them.")]
        public Guid? MetPersonId { get; set; }

        /// <summary>Who held the meeting. Only Organisers choose; everyone else holds their own (and keeps the holder when editing).</summary>
        public Guid? HeldBy { get; set; }

        [Required(ErrorMessage = "Choose the team the one-to-one was for.")]
        public Guid? TeamId { get; set; }

        /// <summary>When they met, in the organisation's time zone.</summary>
        [Required(ErrorMessage = "Enter the date and time you met.")]
        public DateTime? MetAt { get; set; }

        [StringLength(200, ErrorMessage = "Use at most 200 characters for where you met.")]
        public string? Place { get; set; }

        [StringLength(MaxNoteLength, ErrorMessage = "Use at most 4,000 characters for their story.")]
        public string? Story { get; set; }

        [StringLength(MaxNoteLength, ErrorMessage = "Use at most 4,000 characters for their self-interest.")]
        public string? SelfInterest { get; set; }

        [StringLength(MaxNoteLength, ErrorMessage = "Use at most 4,000 characters for their talents.")]
        public string? Talents { get; set; }

        [StringLength(MaxNoteLength, ErrorMessage = "Use at most 4,000 characters for the leads.")]
        public string? Leads { get; set; }

        [StringLength(1000, ErrorMessage = "Use at most 1,000 characters for the next ask.")]
        public string? NextAsk { get; set; }

        public DateOnly? FollowUpOn { get; set; }

        /// <summary>Filled by the handler: the names (never the values) of the fields an edit changed, for the audit log.</summary>
        internal List<string> Changed { get; } = [];

        public IEnumerable<FieldError> Validate()
        {
            if (MetAt is { } at && at.Year < 2000) yield return new FieldError(nameof(MetAt), "Enter a date from 2000 onwards.");
            if (FollowUpOn is { } on && on.Year > 2100) yield return new FieldError(nameof(FollowUpOn), "Enter a follow-up date before 2100.");
        }

        public AuditEntry? DescribeForAudit(object? response)
        {
            var id = (response as Guid?)?.ToString() ?? Id?.ToString();
            if (Id is null) return new AuditEntry("teams.one-to-one-recorded", "one-to-one", id, "One-to-one recorded.");
            return Changed.Count == 0 ? null
                : new AuditEntry("teams.one-to-one-edited", "one-to-one", id, $"One-to-one edited: {string.Join(", ", Changed)}.");
        }
    }


    private sealed class Existing
    {
        public Guid? TeamId { get; init; }
        public Guid HeldBy { get; init; }
        public Guid MetPersonId { get; init; }
        public Guid? RecordedBy { get; init; }
        public DateTimeOffset MetAt { get; init; }
        public string? Place { get; init; }
        public string? Story { get; init; }
        public string? SelfInterest { get; init; }
        public string? Talents { get; init; }
        public string? Leads { get; init; }
        public string? NextAsk { get; init; }
        public string? FollowUpOn { get; init; }
    }

    private const string ExistingSql = """
        SELECT team_id AS TeamId, held_by AS HeldBy, met_person_id AS MetPersonId, recorded_by AS RecordedBy, met_at AS MetAt,
               place AS Place, story AS Story, self_interest AS SelfInterest, talents AS Talents, leads AS Leads, next_ask AS NextAsk,
               follow_up_on AS FollowUpOn
        FROM teams_one_to_one WHERE id = @id
        """;

    private const string TeamExistsSql = "SELECT COUNT(*) FROM teams_team WHERE id = @teamId";
    private const string IsMemberSql = "SELECT COUNT(*) FROM teams_member WHERE team_id = @teamId AND person_id = @personId";

    private const string InsertSql = """
        INSERT INTO teams_one_to_one (id, team_id, held_by, met_person_id, met_at, place, story, self_interest, talents, leads, next_ask,
                                      follow_up_on, recorded_by, created_at, updated_at)
        VALUES (@id, @teamId, @heldBy, @metPersonId, @metAt, @place, @story, @selfInterest, @talents, @leads, @nextAsk,
                @followUpOn, @userId, @now, @now)
        """;

    private const string UpdateSql = """
        UPDATE teams_one_to_one
        SET team_id = @teamId, held_by = @heldBy, met_person_id = @metPersonId, met_at = @metAt, place = @place, story = @story,
            self_interest = @selfInterest, talents = @talents, leads = @leads, next_ask = @nextAsk, follow_up_on = @followUpOn, updated_at = @now
        WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender, IReminders reminders, OrganisationSettingsCache settings,
        LinkBuilder links, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var access = await OneToOneAccess.ForAsync(scope, ct);
            if (access.IsObserver) throw new ValidationFailedException("", "Observers cannot record one-to-ones.");

            Existing? existing = null;
            if (command.Id is { } editedId)
            {
                existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { id = editedId }, session.Transaction, cancellationToken: ct));
                // Someone who may not change it is told it is not there: the same answer as for an id that never existed.
                if (existing is null || !access.MaySeeNotes(existing.TeamId, existing.HeldBy, existing.RecordedBy))
                    throw new ValidationFailedException("", "That one-to-one no longer exists.");
            }

            var errors = new List<FieldError>();
            var metPersonId = command.MetPersonId!.Value;
            var teamId = command.TeamId!.Value;

            if (metPersonId != existing?.MetPersonId)
            {
                // Someone the user may see in Networks: an id they could not have found answers as unknown.
                var people = await sender.Send(new GetVisiblePeople([metPersonId]), ct);
                if (people.Count == 0 || people[0].IsErased)
                    errors.Add(new FieldError(nameof(Command.MetPersonId), "That person's record no longer exists. Search for them again."));
            }

            if (teamId != existing?.TeamId)
            {
                var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(TeamExistsSql, new { teamId }, session.Transaction, cancellationToken: ct)) > 0;
                if (!exists || (access.RecordableTeams is { } allowed && !allowed.Contains(teamId)))
                    errors.Add(new FieldError(nameof(Command.TeamId), "Choose one of your teams from the list."));
            }

            // Organisers may say another member of the team held it; everyone else holds their own one-to-ones.
            Guid? heldBy;
            if (access.SeesAll)
            {
                heldBy = command.HeldBy ?? existing?.HeldBy ?? access.PersonId;
                if (heldBy is null)
                {
                    errors.Add(new FieldError(nameof(Command.HeldBy), "Choose who held the meeting."));
                }
                else if (heldBy != access.PersonId && heldBy != existing?.HeldBy
                    && await connection.ExecuteScalarAsync<long>(new CommandDefinition(IsMemberSql, new { teamId, personId = heldBy }, session.Transaction, cancellationToken: ct)) == 0)
                {
                    errors.Add(new FieldError(nameof(Command.HeldBy), "Choose a member of the chosen team, or yourself."));
                }
            }
            else
            {
                heldBy = existing?.HeldBy ?? access.PersonId;
                if (heldBy is null)
                {
                    errors.Add(new FieldError("", "Your account is not linked to a person in Networks (one with your e-mail address), so a one-to-one cannot be recorded as held by you. Ask an organiser to add you."));
                }
            }
            if (heldBy is not null && heldBy == metPersonId)
                errors.Add(new FieldError(nameof(Command.MetPersonId), "Choose the person who was met, not the person who held the meeting."));

            var zone = (await settings.GetAsync(ct)).TimeZone;
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
            var metAtLocal = DateTime.SpecifyKind(command.MetAt!.Value, DateTimeKind.Unspecified);
            if (DateOnly.FromDateTime(metAtLocal) > today)
                errors.Add(new FieldError(nameof(Command.MetAt), "The meeting cannot be in the future: enter when it took place."));
            var followUpText = command.FollowUpOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // A follow-up date already recorded may have passed; a new or changed one may not.
            if (command.FollowUpOn is { } followUp && followUp < today && followUpText != existing?.FollowUpOn)
                errors.Add(new FieldError(nameof(Command.FollowUpOn), "The follow-up date cannot be in the past: choose today or a later date, or leave it empty."));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var id = command.Id ?? Guid.CreateVersion7();
            var args = new
            {
                id, teamId, heldBy, metPersonId, metAt = OrganisationTime.ToUtc(metAtLocal, zone),
                place = Clean(command.Place), story = Clean(command.Story), selfInterest = Clean(command.SelfInterest),
                talents = Clean(command.Talents), leads = Clean(command.Leads), nextAsk = Clean(command.NextAsk),
                followUpOn = followUpText, userId = access.UserId, now,
            };
            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
                NoteChanges(command.Changed, existing, args.teamId, args.heldBy!.Value, args.metPersonId, args.metAt, args.place, args.story,
                    args.selfInterest, args.talents, args.leads, args.nextAsk, args.followUpOn);
            }

            if (command.FollowUpOn is { } on)
            {
                // Schedule is an upsert: a changed date or holder moves the one reminder. A date already passed and
                // unchanged is left as it is, so saving an old one-to-one does not send its reminder again.
                if (on >= today || followUpText != existing?.FollowUpOn || heldBy != existing?.HeldBy)
                {
                    var names = await sender.Send(new GetPeopleByIds([metPersonId]), ct);
                    var name = names.FirstOrDefault()?.DisplayName ?? "the person you met";
                    var body = $"On {TimeZoneInfo.ConvertTime(args.metAt, zone):d MMMM yyyy} you held a one-to-one with {name} and set today to follow up."
                        + (args.nextAsk is null ? "" : $"\n\nYour next ask: {args.nextAsk}")
                        + $"\n\nThe one-to-one: {links.Absolute($"/Teams/OneToOnes/Details/{id:D}")}";
                    await reminders.ScheduleAsync(new ReminderRequest(OneToOneKeys.FollowUp(id), heldBy!.Value, TeamsModule.FollowUpReminder.Id,
                        OrganisationTime.ToUtc(on.ToDateTime(new TimeOnly(9, 0)), zone), $"Follow up with {name}", body), ct);
                }
            }
            else if (existing?.FollowUpOn is not null)
            {
                await reminders.CancelByPrefixAsync(OneToOneKeys.Prefix(id), ct);
            }
            return id;
        }

        private static void NoteChanges(List<string> changed, Existing old, Guid teamId, Guid heldBy, Guid metPersonId, DateTimeOffset metAt,
            string? place, string? story, string? selfInterest, string? talents, string? leads, string? nextAsk, string? followUpOn)
        {
            if (old.TeamId != teamId) changed.Add("team");
            if (old.HeldBy != heldBy) changed.Add("held by");
            if (old.MetPersonId != metPersonId) changed.Add("person met");
            if (old.MetAt != metAt) changed.Add("when");
            if (old.Place != place) changed.Add("where");
            if (old.Story != story) changed.Add("story");
            if (old.SelfInterest != selfInterest) changed.Add("self-interest");
            if (old.Talents != talents) changed.Add("talents");
            if (old.Leads != leads) changed.Add("leads");
            if (old.NextAsk != nextAsk) changed.Add("next ask");
            if (old.FollowUpOn != followUpOn) changed.Add("follow-up date");
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

}
