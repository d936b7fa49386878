using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Organising.Platform.Data;
using Organising.Platform.Jobs;
using Organising.Platform.Messaging;
using Organising.Platform.PersonalData;
using Organising.Platform.Settings;

namespace Organising.Platform.Reminders;

/// <summary>
/// Sends the reminders that are due. Hangfire runs it every minute and at each planned wake-up; any number may run at
/// once, on any number of instances, because each claims its rows in one write transaction before sending them.
/// A row is marked sent right after the server accepts it, so a crash can repeat only a row caught in between.
/// </summary>
internal sealed class ReminderDispatcher(
    IDbConnectionFactory factory,
    IServiceScopeFactory scopes,
    ReminderKinds kinds,
    ReminderWakeups wakeups,
    OrganisationSettingsCache settings,
    IOptions<OrganisingOptions> options,
    TimeProvider clock,
    ILogger<ReminderDispatcher> logger)
{
    public const string RecurringJobId = "platform-reminders";

    public static ScheduledJob Definition => ScheduledJob.Of<ReminderDispatcher>(RecurringJobId, Cron.Minutely(), d => d.RunAsync(CancellationToken.None));

    internal sealed class Claimed
    {
        public Guid Id { get; init; }
        public string Key { get; init; } = "";
        public Guid PersonId { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset EventAt { get; init; }
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
        public int Attempts { get; init; }
        public long Version { get; init; }
    }

    private const string ReleaseClaimsSql = """
        UPDATE platform_reminder SET status = 'pending', claimed_at = NULL, note = @note, version = version + 1
        WHERE status = 'sending' AND claimed_at < @claimedBefore
        """;

    private const string ClaimSql = """
        UPDATE platform_reminder SET status = 'sending', claimed_at = @now, version = version + 1
        WHERE id IN (SELECT id FROM platform_reminder WHERE status = 'pending' AND due_at <= @now ORDER BY due_at LIMIT @batch)
          AND status = 'pending'
        RETURNING id, key, person_id, kind, event_at, subject, body, attempts, version
        """;

    private const string SentSql = """
        UPDATE platform_reminder SET status = 'sent', sent_at = @now, attempts = attempts + 1, last_error = NULL, claimed_at = NULL, updated_at = @now
        WHERE id = @id AND version = @version AND status = 'sending'
        """;

    /// <summary>The batch's connection while it marks rows sent: commits that do not wait for the disk (see <see cref="MarkSentAsync"/>).</summary>
    private static (string Relax, string Restore) MarkDurability(DatabaseEngine engine) => engine == DatabaseEngine.Sqlite
        ? ("PRAGMA synchronous=NORMAL", "PRAGMA synchronous=FULL")
        : ("SET synchronous_commit = off", "RESET synchronous_commit");

    private const string SkippedSql = """
        UPDATE platform_reminder SET status = 'skipped', note = @note, claimed_at = NULL, updated_at = @now
        WHERE id = @id AND version = @version AND status = 'sending'
        """;

    private const string DeferredSql = """
        UPDATE platform_reminder SET status = 'pending', due_at = @dueAt, note = @note, claimed_at = NULL, updated_at = @now
        WHERE id = @id AND version = @version AND status = 'sending'
        """;

    private const string RetrySql = """
        UPDATE platform_reminder SET status = @status, due_at = CASE WHEN @status = 'failed' THEN due_at ELSE @dueAt END, attempts = attempts + 1, last_error = @error, claimed_at = NULL, updated_at = @now
        WHERE id = @id AND version = @version AND status = 'sending'
        """;

    private const string ReleaseSql = """
        UPDATE platform_reminder SET status = 'pending', claimed_at = NULL
        WHERE id = @id AND version = @version AND status = 'sending'
        """;

    /// <summary>Sends everything due, batch by batch, then plans the next wake-up.</summary>
    [AutomaticRetry(Attempts = 0)] // it retries reminders itself; the next minute's run picks up anything left
    public async Task RunAsync(CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow();
        var reminders = options.Value.Reminders;
        await ReleaseStaleAsync(reminders, ct);
        // Each sender claims batches of its own over a mail connection of its own, until nothing is due.
        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, reminders.Connections)).Select(_ => SendWhileDueAsync(reminders, ct)));
        await wakeups.PlanNextAsync(startedAt, CancellationToken.None);
    }

    private async Task SendWhileDueAsync(RemindersOptions reminders, CancellationToken ct)
    {
        // A scope of its own: the contact directory reads through its scope's one connection, which two senders cannot share.
        await using var scope = scopes.CreateAsyncScope();
        var directory = scope.ServiceProvider.GetServices<IContactDirectory>().FirstOrDefault();
        var sender = scope.ServiceProvider.GetRequiredService<IMessageSender>();
        while (!ct.IsCancellationRequested)
        {
            var batch = await ClaimAsync(reminders.BatchSize, ct);
            if (batch.Count == 0) return;
            if (!await SendBatchAsync(batch, directory, sender, reminders, ct)) return;
        }
    }

    private async Task ReleaseStaleAsync(RemindersOptions reminders, CancellationToken ct)
    {
        var released = await ReleaseClaimsAsync(factory, clock.GetUtcNow() - reminders.ClaimLease,
            "Sent again: the instance sending it stopped before it could record the result.", ct);
        if (released > 0) logger.LogWarning("{Count} reminders claimed by an instance that stopped are due again", released);
    }

    /// <summary>Hands rows claimed before <paramref name="claimedBefore"/> back to be sent (their sender is taken to have stopped).</summary>
    internal static async Task<int> ReleaseClaimsAsync(IDbConnectionFactory factory, DateTimeOffset claimedBefore, string note, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var transaction = await factory.BeginWriteAsync(connection, ct);
        var released = await connection.ExecuteAsync(new CommandDefinition(ReleaseClaimsSql, new { claimedBefore, note }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return released;
    }

    private async Task<IReadOnlyList<Claimed>> ClaimAsync(int batchSize, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var transaction = await factory.BeginWriteAsync(connection, ct);
        var rows = (await connection.QueryAsync<Claimed>(new CommandDefinition(ClaimSql,
            new { now = clock.GetUtcNow(), batch = Math.Max(1, batchSize) }, transaction, cancellationToken: ct))).ToList();
        await transaction.CommitAsync(ct);
        return rows;
    }

    /// <summary>False when the mail server is unreachable: the rest waits for its retry time rather than being tried now.</summary>
    private async Task<bool> SendBatchAsync(IReadOnlyList<Claimed> batch, IContactDirectory? directory, IMessageSender sender,
        RemindersOptions reminders, CancellationToken ct)
    {
        var claimedAt = clock.GetUtcNow();
        var organisation = await settings.GetAsync(ct);
        // The batch's people are looked up together, in a few queries rather than a few for each row: a consent
        // withdrawn or a preference changed while a batch is sending is honoured from the next batch.
        await using var connection = await factory.OpenAsync(ct);
        var people = batch.Select(r => r.PersonId).Distinct().ToList();
        var contacts = directory is null ? new Dictionary<Guid, ContactDetails>() : await directory.FindManyAsync(people, ContactPurpose.Reminders, ct);
        var preferences = await ReminderPreferences.ForPeopleAsync(connection, null, people, ct);
        var quietHours = await ReminderPreferences.QuietHoursOfPeopleAsync(connection, null, people, ct);
        var durability = MarkDurability(factory.Dialect.Engine);
        await connection.ExecuteAsync(new CommandDefinition(durability.Relax, cancellationToken: ct));
        IMessageChannel? channel = null;
        Task? marking = null; // the previous row's mark, still on its way to the database while this row is sent
        var next = 0;
        try
        {
            for (; next < batch.Count; next++)
            {
                // Finish well inside the lease, so no other dispatcher takes these rows for abandoned while we hold them.
                if (ct.IsCancellationRequested || clock.GetUtcNow() - claimedAt > reminders.ClaimLease / 2) break;
                var row = batch[next];

                var decision = await DecideAsync(row, contacts.GetValueOrDefault(row.PersonId), preferences, quietHours, organisation.TimeZone, ct);
                if (decision.SkipReason is { } reason)
                {
                    await WriteAsync(SkippedSql, new { id = row.Id, version = row.Version, note = reason, now = clock.GetUtcNow() }, ct);
                    continue;
                }
                if (decision.QuietUntil is { } until)
                {
                    await WriteAsync(DeferredSql, new { id = row.Id, version = row.Version, dueAt = until, now = clock.GetUtcNow(),
                        note = $"Held for quiet hours ({decision.Quiet!.Describe()}) until {TimeZoneInfo.ConvertTime(until, organisation.TimeZone):d MMM HH:mm}." }, ct);
                    await wakeups.EnsureAsync(until, ct);
                    continue;
                }

                try
                {
                    channel ??= await sender.OpenChannelAsync(ct);
                    await channel.SendAsync(MessageFor(row, decision.Contact!, organisation.Name), ct);
                }
                catch (MessageNotSentException ex)
                {
                    await RetryLaterAsync([row], ex.Message, reminders, ct);
                    if (!ex.ChannelBroken) continue;
                    next++;
                    await RetryLaterAsync(batch.Skip(next).ToList(), ex.Message, reminders, ct);
                    next = batch.Count;
                    return false;
                }
                if (marking is not null) await marking;
                marking = MarkSentAsync(connection, row);
            }
            return true;
        }
        finally
        {
            if (marking is not null) await marking;
            // Rows not reached (shutdown, or the lease running short) go back for the next run, not lost to a lease.
            foreach (var row in batch.Skip(next)) await WriteAsync(ReleaseSql, new { id = row.Id, version = row.Version }, CancellationToken.None);
            if (channel is not null) await channel.DisposeAsync();
            // The pooled connection goes back as the factory made it.
            await connection.ExecuteAsync(durability.Restore);
        }
    }

    /// <summary>
    /// Marks a row sent as soon as the server has accepted it, on its own, so that a crash can repeat only the row in
    /// between. One statement, guarded by the row's version and status, so it needs no write lock of its own; and its
    /// commit does not wait for the disk (synchronous=NORMAL on SQLite, synchronous_commit off on PostgreSQL, on the
    /// batch's connection only). A killed app loses no mark, as the operating system or the database
    /// server already has it; only a power cut or the database server's own crash can lose the last few, and those rows
    /// are sent again, never lost. The next claim's commit waits for the disk, and so makes every mark before it durable.
    /// Waiting for the disk, and for the write lock, on each mark took longer than sending the message.
    /// The mark travels while the next row is sent (on PostgreSQL; SQLite's is done before it returns), so at most two
    /// rows per dispatcher are ever between the accept and the mark; nothing else uses the batch's connection meanwhile.
    /// </summary>
    private Task MarkSentAsync(DbConnection connection, Claimed row) =>
        // Not cancellable: the message has gone, and a mark abandoned at shutdown would send it again.
        connection.ExecuteAsync(new CommandDefinition(SentSql, new { id = row.Id, version = row.Version, now = clock.GetUtcNow() }));

    private sealed record Decision(ContactDetails? Contact, string? SkipReason, DateTimeOffset? QuietUntil, QuietHours? Quiet);

    private async Task<Decision> DecideAsync(Claimed row, ContactDetails? contact,
        IReadOnlyDictionary<(Guid, string), KindPreference> preferences, IReadOnlyDictionary<Guid, QuietHours> quietHours, TimeZoneInfo zone, CancellationToken ct)
    {
        var kind = kinds.Find(row.Kind);
        var preference = preferences.GetValueOrDefault((row.PersonId, row.Kind));
        if (preference is { Enabled: false }) return new(null, $"They have turned off {(kind?.Name ?? row.Kind).ToLowerInvariant()} reminders.", null, null);

        if (contact is null) return new(null, "The person is no longer recorded.", null, null);
        if (!contact.CanContact) return new(null, contact.Reason ?? "There is no way to contact them.", null, null);

        // A merged person's reminders reach the person they were merged into, whose quiet hours were not read with the batch.
        var quiet = quietHours.TryGetValue(contact.PersonId, out var known) ? known : await QuietHoursOfAsync(contact.PersonId, ct);
        return quiet.EndOfQuietAt(clock.GetUtcNow(), zone) is { } until ? new(contact, null, until, quiet) : new(contact, null, null, null);
    }

    /// <summary>On a connection of its own: the batch's may be busy with a mark.</summary>
    private async Task<QuietHours> QuietHoursOfAsync(Guid personId, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        return await ReminderPreferences.QuietHoursAsync(connection, null, personId, ct);
    }

    private OutgoingMessage MessageFor(Claimed row, ContactDetails contact, string organisationName)
    {
        var publicUrl = options.Value.PublicUrl?.TrimEnd('/');
        var footer = publicUrl is null
            ? $"\n\n--\n{organisationName}. To change which reminders you get, sign in and open My reminders."
            : $"\n\n--\n{organisationName}. To change which reminders you get: {publicUrl}/Me/Reminders";
        return new OutgoingMessage(contact.Email!, contact.Name, row.Subject, row.Body + footer) { MessageId = MessageIdFor(row.Key, row.EventAt, options.Value.Smtp.From) };
    }

    /// <summary>
    /// The same reminder always has the same Message-ID, so a copy sent again after a crash is recognisable (and
    /// collapsed by many mail programs); a reminder for a moved event is a new message.
    /// </summary>
    public static string MessageIdFor(string key, DateTimeOffset eventAt, string fromAddress)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{key}|{DapperTypeHandlers.ToDbText(eventAt)}"));
        var at = fromAddress.LastIndexOf('@');
        var domain = at >= 0 && at < fromAddress.Length - 1 ? fromAddress[(at + 1)..].Trim('>', ' ') : "organising.local";
        return $"reminder.{Convert.ToHexStringLower(hash)[..32]}@{domain}";
    }

    private async Task RetryLaterAsync(IReadOnlyList<Claimed> rows, string error, RemindersOptions reminders, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var row in rows)
        {
            var attempts = row.Attempts + 1;
            var failed = attempts >= reminders.MaxAttempts;
            await WriteAsync(RetrySql, new
            {
                id = row.Id, version = row.Version, now, error,
                status = failed ? "failed" : "pending",
                dueAt = now + reminders.RetryDelay(attempts),
            }, CancellationToken.None);
            if (failed) logger.LogWarning("Reminder {Key} failed after {Attempts} attempts: {Error}", row.Key, attempts, error);
        }
        if (rows.Count > 0) await wakeups.EnsureAsync(now + reminders.RetryDelay(rows.Min(r => r.Attempts) + 1), ct);
    }

    private async Task<int> WriteAsync(string sql, object args, CancellationToken ct)
    {
        await using var connection = await factory.OpenAsync(ct);
        await using var transaction = await factory.BeginWriteAsync(connection, ct);
        var changed = await connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return changed;
    }
}
