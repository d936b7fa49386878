using System.Reflection;

namespace Organising.Platform.Modules;

/// <summary>What a module tells the host about itself: its tables' prefix, where its migrations are, its menu and its scheduled jobs.</summary>
public sealed record ModuleDefinition(string Name, string TablePrefix, Assembly Assembly)
{
    public IReadOnlyList<MenuEntry> Menu { get; init; } = [];

    /// <summary>Background work the module runs on a schedule (see <see cref="Jobs.ScheduledJob"/>).</summary>
    public IReadOnlyList<Jobs.ScheduledJob> ScheduledJobs { get; init; } = [];

    /// <summary>The kinds of reminder the module sends, which people can turn off (see <see cref="Reminders.ReminderKind"/>).</summary>
    public IReadOnlyList<Reminders.ReminderKind> ReminderKinds { get; init; } = [];

    /// <summary>Each module's migrations are numbered SQL files embedded under Data/Migrations.</summary>
    public string MigrationResourcePrefix => $"{Assembly.GetName().Name}.Data.Migrations.";

    public string JournalTable => $"{TablePrefix}_schema_versions";
}

/// <summary>A navigation link. Shown only to users who meet <see cref="Policy"/> (null: every signed-in user).</summary>
public sealed record MenuEntry(string Section, string Title, string Url, string? Policy = null, int Order = 100);
