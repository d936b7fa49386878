namespace Organising.Platform;

/// <summary>The "Organising" configuration section. Everything has a default so a fresh install needs none.</summary>
public sealed class OrganisingOptions
{
    public const string Section = "Organising";

    /// <summary>Where the SQLite database and the outbox live. Relative paths are from the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base URL for links in e-mails when the request's own URL is not the public one (behind a proxy).</summary>
    public string? PublicUrl { get; set; }

    public Data.DatabaseOptions Database { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public ForwardedHeadersSettings ForwardedHeaders { get; set; } = new();

    public Jobs.JobsOptions Jobs { get; set; } = new();

    public Reminders.RemindersOptions Reminders { get; set; } = new();

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
    public string DatabasePath => Path.Combine(DataDirectoryFullPath, "organising.db");
    public string OutboxDirectory => Path.Combine(DataDirectoryFullPath, "outbox");
    public string KeysDirectory => Path.Combine(DataDirectoryFullPath, "keys");
    /// <summary>Hangfire's own SQLite file: never the app database, so losing it loses no data (see Jobs).</summary>
    public string HangfireDatabasePath => Path.Combine(DataDirectoryFullPath, "hangfire.db");
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "organising@localhost";
    /// <summary>StartTLS when the server offers it; false sends in clear (only for a local relay).</summary>
    public bool UseTls { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

public sealed class ForwardedHeadersSettings
{
    /// <summary>Comma-separated proxy addresses trusted to set X-Forwarded-*; loopback is always trusted.</summary>
    public string? KnownProxies { get; set; }
}
