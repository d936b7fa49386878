using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Messages;

public static class ListMessages
{
    /// <summary>Newest first. PageSize null means every row (the CSV export).</summary>
    public sealed record Query(string? Search, int Page, int? PageSize) : IQuery<Paged<Row>>;

    public sealed class Row
    {
        public DateTimeOffset CreatedAt { get; init; }
        public string Recipient { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Transport { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Error { get; init; }
    }

    private const string Filter = """
        WHERE (@pattern IS NULL OR lower(recipient) LIKE @pattern ESCAPE '\' OR lower(subject) LIKE @pattern ESCAPE '\')
        """;
    private const string CountSql = $"SELECT COUNT(*) FROM platform_message {Filter}";
    private const string PageSql = $"""
        SELECT created_at, recipient, subject, transport, status, error FROM platform_message {Filter}
        ORDER BY created_at DESC, id DESC
        LIMIT @limit OFFSET @offset
        """;

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, Paged<Row>>
    {
        public async ValueTask<Paged<Row>> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var args = new { pattern = SqlText.ContainsPattern(query.Search), limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)) };
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, args, cancellationToken: ct))).ToList();
            return new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize));
        }
    }
}
