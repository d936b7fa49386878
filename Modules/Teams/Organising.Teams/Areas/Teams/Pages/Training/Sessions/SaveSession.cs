using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Training;

using Organising.Platform.Settings;

namespace Organising.Teams.Areas.Teams.Pages.Training.Sessions;

/// <summary>
/// Scheduling and editing a session are one command: no Id schedules, an Id edits. The date and times are the
/// organisation's local time. Editing moves every enrolled person's reminders with the session, and a higher
/// capacity moves people up from the waiting list in order.
/// </summary>
public static class SaveSession
{
    public const int MaxCapacity = 10_000;

    public sealed class Command : ICommand<Result>, IValidatable
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Choose the module this session teaches.")]
        public Guid? ModuleId { get; set; }

        public Guid? TeamId { get; set; }

        [Required(ErrorMessage = "Enter the date of the session.")]
        public DateOnly? Date { get; set; }

        [Required(ErrorMessage = "Enter the time the session starts.")]
        public TimeOnly? StartTime { get; set; }

        [Required(ErrorMessage = "Enter the time the session ends.")]
        public TimeOnly? EndTime { get; set; }

        [StringLength(300, ErrorMessage = "Use at most 300 characters for the place.")]
        public string? Place { get; set; }

        [StringLength(500, ErrorMessage = "Use at most 500 characters for the link.")]
        public string? OnlineLink { get; set; }

        [StringLength(200, ErrorMessage = "Use at most 200 characters for the trainer.")]
        public string? Trainer { get; set; }

        [Range(1, MaxCapacity, ErrorMessage = "Enter the number of places: at least 1.")]
        public int Capacity { get; set; } = 20;

        public IEnumerable<FieldError> Validate()
        {
            if (EndTime <= StartTime) yield return new FieldError(nameof(EndTime), "The session must end after it starts.");
            if (string.IsNullOrWhiteSpace(Place) && string.IsNullOrWhiteSpace(OnlineLink))
                yield return new FieldError(nameof(Place), "Enter where the session is, an online link, or both.");
            if (!string.IsNullOrWhiteSpace(OnlineLink)
                && !(Uri.TryCreate(OnlineLink.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
                yield return new FieldError(nameof(OnlineLink), "Enter the full link, starting https://");
        }
    }

    /// <summary>The session, and how many people moved up from its waiting list.</summary>
    public sealed record Result(Guid Id, int MovedUp);

    private const string ModuleSql = "SELECT COUNT(*) FROM teams_curriculum_module WHERE id = @moduleId AND (archived_at IS NULL OR id = @currentModule)";
    private const string TeamSql = "SELECT COUNT(*) FROM teams_team WHERE id = @teamId";

    private const string InsertSql = """
        INSERT INTO teams_session (id, module_id, team_id, starts_at, ends_at, place, online_link, trainer, capacity, status, created_at, created_by, updated_at)
        VALUES (@id, @moduleId, @teamId, @startsAt, @endsAt, @place, @onlineLink, @trainer, @capacity, 'scheduled', @now, @userId, @now)
        """;

    private const string UpdateSql = """
        UPDATE teams_session SET module_id = @moduleId, team_id = @teamId, starts_at = @startsAt, ends_at = @endsAt, place = @place,
            online_link = @onlineLink, trainer = @trainer, capacity = @capacity, updated_at = @now
        WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, OrganisationTime localTime, Enrolments enrolments, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var now = time.GetUtcNow();
            SessionAccess.SessionRow? existing = null;
            if (command.Id is { } editing)
            {
                existing = await SessionAccess.LoadManagedAsync(session, scope, editing, ct, forUpdate: true);
                if (existing.IsCancelled) throw new ValidationFailedException("", "This session is cancelled and cannot be changed.");
            }

            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(ModuleSql,
                    new { moduleId = command.ModuleId!.Value, currentModule = existing?.ModuleId ?? Guid.Empty }, session.Transaction, cancellationToken: ct)) == 0)
                throw new ValidationFailedException(nameof(Command.ModuleId), "Choose one of the modules in the list.");

            await CheckTeamAsync(command.TeamId, existing, ct);

            var startsAt = await localTime.ToUtcAsync(command.Date!.Value, command.StartTime!.Value);
            var endsAt = await localTime.ToUtcAsync(command.Date!.Value, command.EndTime!.Value);
            if (existing is null && startsAt <= now)
                throw new ValidationFailedException(nameof(Command.Date), "That date and time have passed. A new session must be in the future.");

            if (existing is not null)
            {
                var counts = await enrolments.CountAsync(existing.Id, ct);
                if (command.Capacity < counts.Enrolled)
                    throw new ValidationFailedException(nameof(Command.Capacity),
                        $"{counts.Enrolled} people hold places, so the capacity cannot be less than {counts.Enrolled}. Withdraw someone first.");
            }

            var id = command.Id ?? Guid.CreateVersion7();
            var parameters = new DynamicParameters(new
            {
                id, moduleId = command.ModuleId.Value, startsAt, endsAt, capacity = command.Capacity, now, userId = scope.UserId?.ToString(),
            });
            parameters.Add("teamId", command.TeamId?.ToString(), System.Data.DbType.String);
            parameters.Add("place", Clean(command.Place), System.Data.DbType.String);
            parameters.Add("onlineLink", Clean(command.OnlineLink), System.Data.DbType.String);
            parameters.Add("trainer", Clean(command.Trainer), System.Data.DbType.String);
            await connection.ExecuteAsync(new CommandDefinition(existing is null ? InsertSql : UpdateSql, parameters, session.Transaction, cancellationToken: ct));

            if (existing is null) return new Result(id, 0);

            var saved = (await SessionAccess.LoadAsync(session, id, ct))!;
            if (saved.EndsAt > now) await enrolments.RescheduleAsync(saved, ct);
            var movedUp = await enrolments.FillPlacesAsync(saved, ct);
            return new Result(id, movedUp.Count);
        }

        /// <summary>A Leader schedules for a team they lead; only Organisers schedule for no team or any team.</summary>
        private async ValueTask CheckTeamAsync(Guid? teamId, SessionAccess.SessionRow? existing, CancellationToken ct)
        {
            if (teamId is null)
            {
                if (!scope.SeesAllTeams)
                    throw new ValidationFailedException(nameof(Command.TeamId), "Choose the team this session is for: sessions for everyone are arranged by organisers.");
                return;
            }
            var connection = await session.ConnectionAsync(ct);
            var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(TeamSql, new { teamId }, session.Transaction, cancellationToken: ct)) > 0;
            if (!exists || (teamId != existing?.TeamId && !await scope.ManagesAsync(teamId.Value, ct)))
                throw new ValidationFailedException(nameof(Command.TeamId), "Choose one of the teams in the list.");
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
