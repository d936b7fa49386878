using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.PersonalData;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;

namespace Organising.Platform.Areas.Me.Pages.Reminders;

/// <summary>
/// Saves the signed-in user's choices: each kind on or off and how long before, and their quiet hours, in one
/// transaction. Reminders already scheduled for events to come follow a changed choice of lead times; a kind turned
/// off keeps its rows, which the dispatcher skips with the reason.
/// </summary>
public static class SaveMyReminderPreferences
{
    public sealed class Command : ICommand<Result>
    {
        public List<KindChoice> Kinds { get; set; } = [];
        public bool QuietEnabled { get; set; }
        public string? QuietStarts { get; set; }
        public string? QuietEnds { get; set; }
    }

    public sealed class KindChoice
    {
        public string Kind { get; set; } = "";
        public bool Enabled { get; set; }
        /// <summary>Minutes before the event, one per ticked box.</summary>
        public List<int> LeadMinutes { get; set; } = [];
    }

    /// <param name="EventsRescheduled">Upcoming events whose reminders moved to the new lead times.</param>
    public sealed record Result(int EventsRescheduled);

    public const string NoPerson =
        "Your account is not linked to a person yet, so there are no reminders to choose. Ask an organiser to record you with the e-mail address you sign in with.";

    /// <summary>The lead times offered for a kind: the usual choices and the kind's own defaults.</summary>
    public static IReadOnlyList<TimeSpan> ChoicesFor(ReminderKind kind) =>
        LeadTime.Choices.Concat(kind.DefaultLeadTimes.Where(t => t > TimeSpan.Zero)).Distinct().OrderDescending().ToList();

    /// <summary>Every problem at once, each beside its field; kinds no module declares any more are ignored when saving.</summary>
    internal static IEnumerable<FieldError> Problems(Command command, ReminderKinds kinds)
    {
        for (var i = 0; i < command.Kinds.Count; i++)
        {
            var choice = command.Kinds[i];
            if (kinds.Find(choice.Kind) is not { LeadTimesAreChoosable: true } kind) continue;
            var offered = ChoicesFor(kind).Select(t => (int)t.TotalMinutes).ToHashSet();
            var field = $"{nameof(Command.Kinds)}[{i}].{nameof(KindChoice.LeadMinutes)}";
            if (choice.LeadMinutes.Any(m => !offered.Contains(m))) yield return new FieldError(field, "Choose times from the list.");
            else if (choice.Enabled && choice.LeadMinutes.Count == 0)
                yield return new FieldError(field, $"{kind.Name}: choose at least one time, or turn these reminders off.");
        }

        if (!command.QuietEnabled) yield break;
        var startsRead = QuietHours.TryParseTime(command.QuietStarts, out var starts);
        var endsRead = QuietHours.TryParseTime(command.QuietEnds, out var ends);
        if (!startsRead) yield return new FieldError(nameof(Command.QuietStarts), "Enter the time quiet hours start on the 24-hour clock, like 21:00.");
        if (!endsRead) yield return new FieldError(nameof(Command.QuietEnds), "Enter the time quiet hours end on the 24-hour clock, like 08:00.");
        if (startsRead && endsRead && new QuietHours(true, starts, ends).Problem is { } problem) yield return new FieldError(nameof(Command.QuietEnds), problem);
    }

    internal sealed class Handler(DbSession session, ICurrentUser currentUser, UserPeople people, ReminderKinds kinds, ReminderOutbox outbox, TimeProvider clock)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var problems = Problems(command, kinds).ToList();
            if (problems.Count > 0) throw new ValidationFailedException(problems);
            if (currentUser.Id is not { } userId || await people.PersonOfUserAsync(userId, ct) is not { } personId)
                throw new ValidationFailedException("", NoPerson);

            var connection = await session.ConnectionAsync(ct);
            var now = clock.GetUtcNow();
            var moved = new List<string>();
            foreach (var choice in command.Kinds.DistinctBy(c => c.Kind))
            {
                if (kinds.Find(choice.Kind) is not { } kind) continue;
                var leads = kind.LeadTimesAreChoosable ? choice.LeadMinutes.Select(m => TimeSpan.FromMinutes(m)).ToList() : [];
                var before = await ReminderPreferences.ForKindAsync(connection, session.Transaction, personId, kind.Id, ct);
                await connection.ExecuteAsync(new CommandDefinition(ReminderPreferences.SaveKindSql, new
                {
                    personId, kind = kind.Id, enabled = choice.Enabled, leadMinutes = ReminderPreferences.LeadsToJson(leads), now,
                }, session.Transaction, cancellationToken: ct));
                if (!EffectiveLeads(kind, before?.LeadTimes).SetEquals(EffectiveLeads(kind, leads))) moved.Add(kind.Id);
            }

            // Times that do not parse are only accepted while quiet hours are off: the defaults are kept in their place.
            var starts = QuietHours.TryParseTime(command.QuietStarts, out var s) ? s : QuietHours.Default.Starts;
            var ends = QuietHours.TryParseTime(command.QuietEnds, out var e) ? e : QuietHours.Default.Ends;
            await connection.ExecuteAsync(new CommandDefinition(ReminderPreferences.SaveQuietSql, new
            {
                personId, enabled = command.QuietEnabled, starts = starts.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ends = ends.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), now,
            }, session.Transaction, cancellationToken: ct));

            var rescheduled = 0;
            foreach (var kind in moved) rescheduled += await outbox.RescheduleForPersonAsync(personId, kind, ct);
            return new Result(rescheduled);
        }

        /// <summary>The lead times the outbox will use, as it chooses them: the person's when the kind lets them choose, else the defaults.</summary>
        private static HashSet<TimeSpan> EffectiveLeads(ReminderKind kind, IReadOnlyList<TimeSpan>? chosen) =>
            (kind.LeadTimesAreChoosable && chosen is { Count: > 0 } ? chosen : kind.DefaultLeadTimes).ToHashSet();
    }
}
