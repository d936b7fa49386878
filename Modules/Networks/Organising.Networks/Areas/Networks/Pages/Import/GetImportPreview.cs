using System.Text.Json;
using Dapper;
using Mediator;
using Organising.Networks.Import;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>An upload's preview, a page of its rows at a time. Only its uploader sees it: anyone else gets null (not found).</summary>
public static class GetImportPreview
{
    public const int PageSize = 100;

    public sealed record Query(Guid Id, int Page, bool ErrorsOnly) : IQuery<Result?>;

    public sealed record Result(Guid Id, string Kind, string? FileName, DateTimeOffset CreatedAt, int New, int Updated, int Unchanged, int Errors,
        IReadOnlyList<string> IgnoredColumns, Paged<Row> Rows);

    /// <summary>One row of the file: its number as the spreadsheet shows it, what it would do (new, updated, unchanged, error) and why not.</summary>
    public sealed record Row(int Number, string Status, string Name, string? Key, IReadOnlyList<string> Errors);

    private sealed class Stored
    {
        public string Kind { get; init; } = "";
        public string? FileName { get; init; }
        public string PreviewJson { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
    }

    internal const string LoadSql = """
        SELECT kind, file_name, preview_json, created_at FROM networks_import
        WHERE id = @id AND owner_id = @ownerId AND created_at >= @cutoff
        """;

    internal sealed class Handler(DbSession session, ICurrentUser user, TimeProvider time) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            if (user.Id is null) return null;
            var connection = await session.ConnectionAsync(ct);
            var stored = await connection.QuerySingleOrDefaultAsync<Stored>(new CommandDefinition(LoadSql,
                new { id = query.Id, ownerId = user.Id, cutoff = time.GetUtcNow() - UploadImport.Lifetime }, session.Transaction, cancellationToken: ct));
            if (stored is null) return null;
            var preview = JsonSerializer.Deserialize<ImportPreview>(stored.PreviewJson) ?? new ImportPreview();
            var rows = query.ErrorsOnly ? preview.Rows.Where(r => r.Status == RowStatuses.Error).ToList() : preview.Rows;
            var page = Math.Min(query.Page, Math.Max(1, (rows.Count + PageSize - 1) / PageSize));
            var items = rows.Skip(Paging.Offset(page, PageSize)).Take(PageSize).Select(r => new Row(r.Row, r.Status, r.Name, r.Key, r.Errors)).ToList();
            return new Result(query.Id, stored.Kind, stored.FileName, stored.CreatedAt, preview.Count(RowStatuses.New), preview.Count(RowStatuses.Updated),
                preview.Count(RowStatuses.Unchanged), preview.ErrorRows, preview.IgnoredColumns, new Paged<Row>(items, rows.Count, page, PageSize));
        }
    }
}
