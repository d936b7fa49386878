using System.Collections.Concurrent;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Organising.Networks.Contracts;
using Organising.Networks.People;

namespace Organising.Networks.Tests.DataProtection;

/// <summary>What the Networks module published, as another module would receive it; it can also be told to fail, to prove rollback.</summary>
public sealed class EventRecorder
{
    public ConcurrentQueue<INotification> Events { get; } = new();

    /// <summary>When set, the next matching event makes its handler throw (and is not recorded).</summary>
    public volatile Func<INotification, bool>? FailWhen;

    public IReadOnlyList<T> Of<T>() => Events.OfType<T>().ToList();

    public static void Register(IServiceCollection services, EventRecorder recorder)
    {
        services.AddSingleton(recorder);
        services.AddScoped<INotificationHandler<PersonMerged>, RecordingHandler>();
        services.AddScoped<INotificationHandler<PersonErased>, RecordingHandler>();
    }

    private sealed class RecordingHandler(EventRecorder recorder) : INotificationHandler<PersonMerged>, INotificationHandler<PersonErased>
    {
        public ValueTask Handle(PersonMerged notification, CancellationToken cancellationToken) => Record(notification);
        public ValueTask Handle(PersonErased notification, CancellationToken cancellationToken) => Record(notification);

        private ValueTask Record(INotification notification)
        {
            if (recorder.FailWhen is { } fail && fail(notification)) throw new InvalidOperationException("A consumer of the event failed.");
            recorder.Events.Enqueue(notification);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Rows straight into the tables, for states the pages refuse to create (two people with one e-mail address).</summary>
public static class PersonRows
{
    public static string Unique() => Guid.NewGuid().ToString("N")[..8];

    public static async Task<Guid> InsertAsync(NetworksWorld world, string fullName, string? email = null, string? phone = null, string? postcode = null,
        Guid? createdBy = null, string? erasedAt = null, Guid? mergedInto = null)
    {
        var id = Guid.CreateVersion7();
        await using var connection = world.App.OpenDatabase();
        await connection.ExecuteAsync("""
            INSERT INTO networks_person (id, full_name, email, email_normalized, phone, phone_normalized, postcode, postcode_normalized,
                search_text, created_at, created_by, updated_at, erased_at, merged_into)
            VALUES (@id, @fullName, @email, @emailN, @phone, @phoneN, @postcode, @postcodeN, @search, '2025-01-01T00:00:00.0000000Z', @createdBy,
                '2025-01-01T00:00:00.0000000Z', @erasedAt, @mergedInto)
            """, new
        {
            id = id.ToString(), fullName, email, emailN = PersonSearchText.NormaliseEmail(email), phone, phoneN = PersonSearchText.NormalisePhone(phone),
            postcode, postcodeN = PersonSearchText.NormalisePostcode(postcode), search = PersonSearchText.Build(fullName, null, email, phone, postcode),
            createdBy = createdBy?.ToString(), erasedAt, mergedInto = mergedInto?.ToString(),
        });
        return id;
    }

    public static async Task<T> ScalarAsync<T>(NetworksWorld world, string sql, object? args = null)
    {
        await using var connection = world.App.OpenDatabase();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static async Task<List<T>> QueryAsync<T>(NetworksWorld world, string sql, object? args = null)
    {
        await using var connection = world.App.OpenDatabase();
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>
    /// The ids of the people the search index finds for a fragment: on SQLite the FTS5 index's own MATCH (an index
    /// can keep a row its table has lost); on PostgreSQL the LIKE over search_text that its trigram index serves.
    /// </summary>
    public static Task<List<Guid>> SearchIndexAsync(NetworksWorld world, string fragment) =>
        world.App.Engine == DatabaseEngine.Sqlite
            ? QueryAsync<Guid>(world, "SELECT p.id FROM networks_person p WHERE p.rowid IN (SELECT rowid FROM networks_person_search WHERE networks_person_search MATCH @m)",
                new { m = "\"" + fragment.ToLowerInvariant() + "\"" })
            : QueryAsync<Guid>(world, "SELECT id FROM networks_person WHERE search_text LIKE @like ESCAPE '\\'", new { like = SqlText.ContainsPattern(fragment) });
}
