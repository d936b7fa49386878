using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;

namespace Organising.Platform.Areas.Admin.Pages.Settings;

public static class SaveSettings
{
    public sealed class Command : ICommand<Unit>, IValidatable, IAuditedCommand
    {
        [Required(ErrorMessage = "Enter the organisation's name.")]
        [StringLength(120, ErrorMessage = "Use at most 120 characters for the name.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose a time zone.")]
        [StringLength(64, ErrorMessage = "Choose a time zone from the list.")]
        public string TimeZoneId { get; set; } = "";

        [Required(ErrorMessage = "Choose a language.")]
        [StringLength(16, ErrorMessage = "Choose a language from the list.")]
        public string DefaultLanguage { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (!TimeZones.IsKnown(TimeZoneId)) yield return new FieldError(nameof(TimeZoneId), "Choose a time zone from the list.");
            if (OrganisationSettings.Languages.All(l => l.Code != DefaultLanguage))
                yield return new FieldError(nameof(DefaultLanguage), "Choose a language from the list.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.SettingsChanged, "settings", null, $"Organisation settings saved (time zone {TimeZoneId}, language {DefaultLanguage}).");
    }

    private const string UpsertSql = """
        INSERT INTO platform_setting (key, value) VALUES (@key, @value)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """;

    internal sealed class Handler(DbSession session, OrganisationSettingsCache cache) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var values = new[]
            {
                new { key = "organisation.name", value = command.Name.Trim() },
                new { key = "organisation.time_zone", value = command.TimeZoneId },
                new { key = "organisation.default_language", value = command.DefaultLanguage },
            };
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, values, session.Transaction, cancellationToken: ct));
            session.AfterCommit(cache.Invalidate);
            return Unit.Value;
        }
    }
}

public static class TimeZones
{
    /// <summary>IANA zones the machine knows, by name; the UK first since that is where most installs are.</summary>
    public static IReadOnlyList<string> All { get; } = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Append("UTC")
        .Distinct()
        .OrderBy(id => id == "Europe/London" ? 0 : 1).ThenBy(id => id, StringComparer.Ordinal)
        .ToList();

    public static bool IsKnown(string? id) => id is not null && All.Contains(id, StringComparer.Ordinal);
}
