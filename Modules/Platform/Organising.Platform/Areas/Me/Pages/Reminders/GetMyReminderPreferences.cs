using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.PersonalData;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;
using Organising.Platform.Settings;

namespace Organising.Platform.Areas.Me.Pages.Reminders;

/// <summary>The signed-in user's reminder choices: each kind's, as stored or the module's defaults, and their quiet hours.</summary>
public static class GetMyReminderPreferences
{
    public sealed record Query : IQuery<Result>;

    /// <param name="Kinds">Every kind the app's modules send, by name.</param>
    /// <param name="Preferences">Their choice for each kind, by kind id (no entry: the kind's defaults).</param>
    /// <param name="HasPerson">False when no one person has the account's e-mail address: there is nothing to choose for.</param>
    public sealed record Result(
        bool HasPerson, string AccountEmail, string TimeZoneId, IReadOnlyList<ReminderKind> Kinds,
        IReadOnlyDictionary<string, KindPreference> Preferences, QuietHours QuietHours)
    {
        public KindPreference PreferenceFor(ReminderKind kind) =>
            Preferences.TryGetValue(kind.Id, out var chosen)
                ? chosen with { LeadTimes = chosen.LeadTimes.Count > 0 ? chosen.LeadTimes : kind.DefaultLeadTimes }
                : new KindPreference(true, kind.DefaultLeadTimes);
    }

    private const string EmailSql = "SELECT email FROM platform_user WHERE id = @userId";

    internal sealed class Handler(DbSession session, ICurrentUser currentUser, UserPeople people, ReminderKinds kinds, OrganisationSettingsCache settings)
        : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            if (currentUser.Id is not { } userId) throw new ValidationFailedException("", "Sign in to choose your reminders.");
            var connection = await session.ConnectionAsync(ct);
            var email = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(EmailSql, new { userId }, cancellationToken: ct)) ?? "";
            var zone = (await settings.GetAsync(ct)).TimeZoneId;
            var all = kinds.All.ToList();
            if (await people.PersonOfUserAsync(userId, ct) is not { } personId)
            {
                return new Result(false, email, zone, all, new Dictionary<string, KindPreference>(), QuietHours.Default);
            }
            var preferences = await ReminderPreferences.AllKindsAsync(connection, null, personId, ct);
            var quiet = await ReminderPreferences.QuietHoursAsync(connection, null, personId, ct);
            return new Result(true, email, zone, all, preferences, quiet);
        }
    }
}
