using System.Text.Json;
using Dapper;
using Mediator;
using Organising.Networks.Import;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>
/// Imports a previewed file, all of it or nothing: the rows are checked again against the database as it is now,
/// and any row with an error refuses the whole import (the stored preview is brought up to date so the page shows
/// why). Runs in the command's one transaction, so a failure part-way leaves nothing behind.
/// </summary>
public static class ConfirmImport
{
    public sealed record Command(Guid Id) : ICommand<Result>, IAuditedCommand
    {
        public AuditEntry? DescribeForAudit(object? response) => response is Result { Confirmed: true } r
            ? new AuditEntry("networks.import-confirmed", "import", Id.ToString(),
                $"Imported {ImportRunner.Describe(r.Kind)} from a CSV file: {r.Added} added, {r.Updated} updated, {r.Unchanged} unchanged.")
            : null;
    }

    /// <summary>Found is false for an unknown, expired or someone else's import; Confirmed is false when rows have errors.</summary>
    public sealed record Result(bool Found, bool Confirmed, string Kind, int Added, int Updated, int Unchanged, int ErrorRows)
    {
        public static readonly Result NotFound = new(false, false, ImportKinds.People, 0, 0, 0, 0);
    }

    private sealed class Stored
    {
        public string Kind { get; init; } = "";
        public string Csv { get; init; } = "";
    }

    private const string LoadSql = """
        SELECT kind, csv FROM networks_import WHERE id = @id AND owner_id = @ownerId AND created_at >= @cutoff
        """;
    private const string SavePreviewSql = "UPDATE networks_import SET preview_json = @previewJson WHERE id = @id";
    private const string DeleteSql = "DELETE FROM networks_import WHERE id = @id";

    internal sealed class Handler(DbSession session, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            if (!ImportRunner.MayImport(user)) return Result.NotFound;
            var connection = await session.ConnectionAsync(ct);
            var now = time.GetUtcNow();
            var stored = await connection.QuerySingleOrDefaultAsync<Stored>(new CommandDefinition(LoadSql,
                new { id = command.Id, ownerId = user.Id, cutoff = now - UploadImport.Lifetime }, session.Transaction, cancellationToken: ct));
            if (stored is null) return Result.NotFound;

            var file = ImportCsv.Read(stored.Csv, ImportRunner.ColumnsFor(stored.Kind));
            if (file.Error is not null) return new Result(true, false, stored.Kind, 0, 0, 0, 0);
            var checkedImport = await ImportRunner.CheckAsync(connection, session.Transaction, stored.Kind, file, ct);
            var preview = checkedImport.Preview;
            var result = new Result(true, false, stored.Kind, preview.Count(RowStatuses.New), preview.Count(RowStatuses.Updated),
                preview.Count(RowStatuses.Unchanged), preview.ErrorRows);
            if (result.ErrorRows > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(SavePreviewSql, new { id = command.Id, previewJson = JsonSerializer.Serialize(preview) },
                    session.Transaction, cancellationToken: ct));
                return result;
            }

            await checkedImport.ApplyAsync(user.Id, now, ct);
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id = command.Id }, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(UploadImport.DeleteExpiredSql, new { cutoff = now - UploadImport.Lifetime }, session.Transaction, cancellationToken: ct));
            return result with { Confirmed = true };
        }
    }
}
