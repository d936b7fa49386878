namespace Organising.Platform.Jobs;

/// <summary>The "Organising:Jobs" section: where Hangfire keeps its queue and how this instance works it.</summary>
public sealed class JobsOptions
{
    public const string DatabaseStorage = "Database";
    public const string InMemoryStorage = "InMemory";

    /// <summary>
    /// <c>Database</c> (the default): beside the app's database, in Hangfire's own SQLite file in the data folder,
    /// or in the "hangfire" schema of the PostgreSQL database, which every instance shares. <c>InMemory</c> keeps
    /// nothing across a restart: for tests that are not about jobs.
    /// </summary>
    public string Storage { get; set; } = DatabaseStorage;

    /// <summary>Jobs this instance runs at once. Reminders and housekeeping are light work.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>How this instance is named in platform_job_run; the machine name and process id when empty.</summary>
    public string? InstanceName { get; set; }

    public string InstanceNameOrDefault =>
        string.IsNullOrWhiteSpace(InstanceName) ? $"{Environment.MachineName}:{Environment.ProcessId}" : InstanceName.Trim();

    public bool UsesInMemoryStorage
    {
        get
        {
            var storage = (Storage ?? "").Trim();
            if (storage.Length == 0 || storage.Equals(DatabaseStorage, StringComparison.OrdinalIgnoreCase)) return false;
            if (storage.Equals(InMemoryStorage, StringComparison.OrdinalIgnoreCase)) return true;
            throw new Data.DatabaseSettingsException($"Organising__Jobs__Storage is '{storage}': use {DatabaseStorage} or {InMemoryStorage}.");
        }
    }
}
