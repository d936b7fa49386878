using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Platform.Areas.Admin.Pages.Audit;

public static class ListAudit
{
    /// <summary>Filters are optional; From and To are UTC instants (the page converts local dates). PageSize null: every row.</summary>
    public sealed record Query(Guid? UserId, string? Kind, DateTimeOffset? From, DateTimeOffset? To, int Page, int? PageSize) : IQuery<Result>;

    public sealed class Row
    {
        public DateTimeOffset OccurredAt { get; init; }
        public Guid? UserId { get; init; }
        public string? UserName { get; init; }
        public string Kind { get; init; } = "";
        public string? SubjectType { get; init; }
        public string? SubjectId { get; init; }
        public string Summary { get; init; } = "";
    }

    public sealed class UserOption
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
    }

    public sealed record Result(Paged<Row> Entries, IReadOnlyList<string> Kinds, IReadOnlyList<UserOption> Users);

    private const string Filter = """
        WHERE (@UserId IS NULL OR user_id = @UserId)
          AND (@Kind IS NULL OR kind = @Kind)
          AND (@From IS NULL OR occurred_at >= @From)
          AND (@To IS NULL OR occurred_at < @To)
        """;
    private const string CountSql = $"SELECT COUNT(*) FROM platform_audit {Filter}";
    private const string PageSql = $"""
        SELECT occurred_at, user_id, user_name, kind, subject_type, subject_id, summary FROM platform_audit {Filter}
        ORDER BY occurred_at DESC, id DESC
        LIMIT @limit OFFSET @offset
        """;
    private const string KindsSql = "SELECT DISTINCT kind FROM platform_audit ORDER BY kind";
    private const string UsersSql = "SELECT id, display_name FROM platform_user ORDER BY lower(display_name), id";

    internal sealed class Handler(DbSession session) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var size = query.PageSize ?? int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            var args = new
            {
                query.UserId, Kind = string.IsNullOrEmpty(query.Kind) ? null : query.Kind, query.From, query.To,
                limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)),
            };
            var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountSql, args, cancellationToken: ct));
            var rows = (await connection.QueryAsync<Row>(new CommandDefinition(PageSql, args, cancellationToken: ct))).ToList();
            var kinds = (await connection.QueryAsync<string>(new CommandDefinition(KindsSql, cancellationToken: ct))).ToList();
            var users = (await connection.QueryAsync<UserOption>(new CommandDefinition(UsersSql, cancellationToken: ct))).ToList();
            return new Result(new Paged<Row>(rows, total, page, Math.Min(size, Paging.MaxPageSize)), kinds, users);
        }
    }
}
