namespace Organising.Networks.Import;

internal static class ImportKinds
{
    public const string People = "people";
    public const string Institutions = "institutions";

    public static readonly IReadOnlyList<string> All = [People, Institutions];
}

internal static class RowStatuses
{
    public const string New = "new";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Error = "error";
}

/// <summary>What one row of the file would do, and what is wrong with it.</summary>
internal sealed class ImportRowResult
{
    public int Row { get; init; }
    public string Status { get; set; } = RowStatuses.New;
    public string Name { get; init; } = "";

    /// <summary>What the row is matched on: an e-mail address or an external id.</summary>
    public string? Key { get; init; }

    public List<string> Errors { get; init; } = [];
}

/// <summary>The preview of an uploaded file, stored with it until it is confirmed, discarded or expires.</summary>
internal sealed class ImportPreview
{
    public string Kind { get; init; } = ImportKinds.People;
    public List<string> IgnoredColumns { get; init; } = [];
    public List<ImportRowResult> Rows { get; init; } = [];

    public int Count(string status) => Rows.Count(r => r.Status == status);
    public int ErrorRows => Count(RowStatuses.Error);
}

/// <summary>A checked row and, when it has no errors, what confirming it writes.</summary>
internal sealed record CheckedRow<TPlan>(ImportRowResult Result, TPlan? Plan) where TPlan : class;
