using System.Data.Common;
using Organising.Platform.Identity;

namespace Organising.Networks.Import;

/// <summary>The rows of a file checked against the database, and how to write those rows once confirmed.</summary>
internal sealed record CheckedImport(ImportPreview Preview, Func<Guid?, DateTimeOffset, CancellationToken, Task> ApplyAsync);

/// <summary>The one place that knows which kinds of import there are.</summary>
internal static class ImportRunner
{
    /// <summary>The Import policy again, for the handlers: Organisers and Administrators, who see everyone (so matching sees everyone too).</summary>
    public static bool MayImport(ICurrentUser user) =>
        user.Id is not null && (user.IsInRole(Roles.Organiser) || user.IsInRole(Roles.Administrator));

    public static IReadOnlyList<ImportColumn> ColumnsFor(string kind) =>
        kind == ImportKinds.Institutions ? InstitutionsImport.Columns : PeopleImport.Columns;

    public static string Describe(string kind) => kind == ImportKinds.Institutions ? "institutions" : "people";

    public static async Task<CheckedImport> CheckAsync(DbConnection connection, DbTransaction? transaction, string kind, ImportFile file, CancellationToken ct)
    {
        if (kind == ImportKinds.Institutions)
        {
            var rows = await InstitutionsImport.CheckAsync(connection, transaction, file, ct);
            return new CheckedImport(PreviewOf(kind, file, rows.Select(r => r.Result)),
                (user, now, token) => InstitutionsImport.ApplyAsync(connection, transaction, rows.Select(r => r.Plan).OfType<InstitutionsImport.Plan>(), user, now, token));
        }
        var people = await PeopleImport.CheckAsync(connection, transaction, file, ct);
        return new CheckedImport(PreviewOf(kind, file, people.Select(r => r.Result)),
            (user, now, token) => PeopleImport.ApplyAsync(connection, transaction, people.Select(r => r.Plan).OfType<PeopleImport.Plan>(), user, now, token));
    }

    private static ImportPreview PreviewOf(string kind, ImportFile file, IEnumerable<ImportRowResult> rows) =>
        new() { Kind = kind, IgnoredColumns = file.IgnoredColumns.ToList(), Rows = rows.ToList() };
}
