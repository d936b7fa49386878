namespace Organising.Platform.Web;

/// <summary>A page of a long list, in a stable order. Page numbers start at 1.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
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
}

/// <summary>What the shared _Pager partial needs: where it is, how many pages, and the filters to keep in each link.</summary>
public sealed record PagerModel(int Page, int PageCount, string Path, IReadOnlyDictionary<string, string?> Filters)
{
    public string LinkTo(int page)
    {
        var query = Filters.Where(f => !string.IsNullOrEmpty(f.Value))
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}")
            .Append($"page={page}");
        return $"{Path}?{string.Join("&", query)}";
    }
}
