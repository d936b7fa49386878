using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Reminders;

/// <summary>The reminders outbox for Organisers: newest due first, by status, kind and a search, with the failed count.</summary>
public static class ListReminders
{
    /// <summary>The status filter's choices; "scheduled" is every reminder not yet sent, including one being sent now.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> StatusFilters =
    [
        ("scheduled", "Scheduled"), ("sent", "Sent"), ("skipped", "Skipped"), ("failed", "Failed"), ("cancelled", "Cancelled"),
    ];

    public static IReadOnlyList<string>? StatusesOf(string? filter) => filter switch
    {
        "scheduled" => ["pending", "sending"],
        "sent" or "skipped" or "failed" or "cancelled" => [filter],
        _ => null,
    };

    /// <summary>A stored status as Organisers read it.</summary>
    public static string Describe(string status) => status switch
    {
        "pending" => "Scheduled",
        "sending" => "Sending",
        "sent" => "Sent",
        "skipped" => "Skipped",
        "cancelled" => "Cancelled",
        "failed" => "Failed",
        _ => status,
    };

    /// <summary>People whose name matches a search, at most: beyond that a search should be narrower anyway.</summary>
    public const int MaxPeopleSearched = 500;

    /// <param name="Status">One of <see cref="StatusFilters"/>' values, or null for all.</param>
    /// <param name="Search">Part of the recipient's name, the key or the subject.</param>
    /// <param name="PageSize">Null: every matching row (the CSV export).</param>
    public sealed record Query(string? Status, string? Kind, string? Search, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public Guid Id { get; init; }
        public string Key { get; init; } = "";
        public Guid PersonId { get; init; }
        public string Kind { get; init; } = "";
        public DateTimeOffset EventAt { get; init; }
        public DateTimeOffset DueAt { get; init; }
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public string? LastError { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset? SentAt { get; init; }

        /// <summary>From the contact directory, not the row: the outbox holds only the person's id.</summary>
        public string Recipient { get; set; } = "";

        public bool CanRetry => Status == "failed";
        public bool CanCancel => Status is "pending" or "failed";
    }

    public sealed record Result(Paged<Row> Reminders, int FailedCount);

    internal const string Columns = "id, key, person_id, kind, event_at, due_at, subject, status, attempts, last_error, note, sent_at";

    private const string FromWhere = """
        FROM platform_reminder
        WHERE (@statuses IS NULL OR status IN (SELECT value FROM json_each(@statuses)))
          AND (@kind IS NULL OR kind = @kind)
          AND (@pattern IS NULL OR lower(key) LIKE @pattern ESCAPE '\' OR lower(subject) LIKE @pattern ESCAPE '\'
               OR person_id IN (SELECT value FROM json_each(@people)))
        """;
    private const string PageSql = $"SELECT {Columns} {FromWhere} ORDER BY due_at DESC, id DESC LIMIT @limit OFFSET @offset";
    private static readonly string CountSql = Paging.CappedCount(FromWhere);
    private const string FailedSql = "SELECT COUNT(*) FROM platform_reminder WHERE status = 'failed'";

    internal sealed class Handler(DbSession session, IEnumerable<IContactDirectory> directories) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var directory = directories.FirstOrDefault();
            var pattern = SqlText.ContainsPattern(query.Search);
            IReadOnlyList<Guid> people = pattern is null || directory is null ? [] : await directory.FindPeopleAsync(query.Search!.Trim(), MaxPeopleSearched, ct);
            var statuses = StatusesOf(query.Status);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var args = new
            {
                statuses = statuses is null ? null : SqlText.JsonList(statuses),
                kind = string.IsNullOrEmpty(query.Kind) ? null : query.Kind,
                pattern, people = SqlText.IdList(people),
                limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            };
            var connection = await session.ConnectionAsync(ct);
            var counted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, args, cancellationToken: ct))).ToList();
            var failed = await connection.ExecuteScalarAsync<int>(new CommandDefinition(FailedSql, cancellationToken: ct));
            await NameRecipientsAsync(rows, directory, ct);
            return new Result(Paged<Row>.FromCappedCount(rows, counted, page, Math.Min(size, Paging.MaxPageSize)), failed);
        }
    }

    /// <summary>Each recipient's name, the page's people asked for together.</summary>
    internal static async Task NameRecipientsAsync(IReadOnlyList<Row> rows, IContactDirectory? directory, CancellationToken ct)
    {
        var contacts = directory is null || rows.Count == 0
            ? new Dictionary<Guid, ContactDetails>()
            : await directory.FindManyAsync(rows.Select(r => r.PersonId).Distinct().ToList(), ContactPurpose.Reminders, ct);
        foreach (var row in rows)
        {
            row.Recipient = contacts.TryGetValue(row.PersonId, out var contact) ? contact.Name : "(no longer recorded)";
        }
    }
}
