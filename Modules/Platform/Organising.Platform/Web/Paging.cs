namespace Organising.Platform.Web;

/// <summary>A page of a long list, in a stable order. Page numbers start at 1.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    /// <summary>True when there are more than <see cref="Paging.CountCap"/> matches: Total is then the cap, not the count.</summary>
    public bool TotalIsCapped { get; init; }

    public string TotalText => TotalIsCapped ? $"more than {Total:N0}" : Total.ToString("N0");

    public int PageCount => TotalIsCapped
        ? Math.Max((int)Math.Ceiling(Total / (double)PageSize), Page + (Items.Count == PageSize ? 1 : 0))
        : Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));

    /// <summary>Builds a page from a count made with <see cref="Paging.CappedCount"/>.</summary>
    public static Paged<T> FromCappedCount(IReadOnlyList<T> items, int cappedCount, int page, int pageSize) =>
        new(items, Math.Min(cappedCount, Paging.CountCap), page, pageSize) { TotalIsCapped = cappedCount > Paging.CountCap };
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public int FirstItemNumber => Total == 0 ? 0 : ((Page - 1) * PageSize) + 1;
    public int LastItemNumber => Math.Min(Total, Page * PageSize);
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>Any page number a user can type becomes a valid one.</summary>
    public static int ClampPage(int? page) => page is null or < 1 ? 1 : Math.Min(page.Value, 1_000_000);

    public static int ClampSize(int? size) => size is null or < 1 ? DefaultPageSize : Math.Min(size.Value, MaxPageSize);

    public static int Offset(int page, int size) => (page - 1) * size;

    /// <summary>Counting stops here: on 100,000 rows an exact count costs more than the page itself.</summary>
    public const int CountCap = 10_000;

    /// <summary>"SELECT COUNT(*)" over <paramref name="fromWhere"/> that stops after <see cref="CountCap"/> + 1 rows.</summary>
    public static string CappedCount(string fromWhere) => $"SELECT COUNT(*) FROM (SELECT 1 {fromWhere} LIMIT {CountCap + 1}) AS capped";
}

/// <summary>What the shared _Pager partial needs: where it is, how many pages, and the filters to keep in each link.</summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Filters)
{
    /// <summary>Whether the last page is known; false when the total was capped.</summary>
    public bool PageCountIsExact { get; init; } = true;

    public string LinkTo(int page)
    {
        var query = Filters.Where(f => !string.IsNullOrEmpty(f.Value))
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}")
            .Append($"page={page}");
        return $"{Path}?{string.Join("&", query)}";
    }
}
