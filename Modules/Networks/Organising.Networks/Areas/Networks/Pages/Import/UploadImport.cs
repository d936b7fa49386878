using System.Text.Json;
using Dapper;
using Mediator;
using Organising.Networks.Import;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>
/// Reads an uploaded CSV, checks every row, and keeps the file with its preview for the uploader to confirm.
/// A file that cannot be read at all is refused with one message for the file field. Nothing is imported yet.
/// </summary>
public static class UploadImport
{
    /// <summary>How long an upload waits for its confirmation.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public sealed record Command(string Kind, string? FileName, byte[] Content) : ICommand<Guid>, IValidatable
    {
        public IEnumerable<FieldError> Validate()
        {
            if (!ImportKinds.All.Contains(Kind)) yield return new FieldError(nameof(Kind), "Choose whether the file holds people or institutions.");
            if (FileName is { Length: > 255 }) yield return new FieldError("Upload", "Give the file a shorter name (at most 255 characters).");
        }
    }

    /// <summary>Uploads hold personal data: those past their lifetime go whenever an upload is made, confirmed or discarded.</summary>
    internal const string DeleteExpiredSql = "DELETE FROM networks_import WHERE created_at < @cutoff";
    private const string InsertSql = """
        INSERT INTO networks_import (id, owner_id, kind, file_name, csv, preview_json, created_at)
        VALUES (@id, @ownerId, @kind, @fileName, @csv, @previewJson, @now)
        """;

    internal sealed class Handler(DbSession session, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!ImportRunner.MayImport(user)) throw new ValidationFailedException("", "Only Organisers may import.");
            if (command.Content.Length > ImportCsv.MaxBytes) throw new ValidationFailedException("Upload", ImportCsv.TooBig);
            var text = ImportCsv.DecodeUtf8(command.Content) ?? throw new ValidationFailedException("Upload", ImportCsv.NotUtf8);
            var file = ImportCsv.Read(text, ImportRunner.ColumnsFor(command.Kind));
            if (file.Error is not null) throw new ValidationFailedException("Upload", file.Error);

            var connection = await session.ConnectionAsync(ct);
            var checkedImport = await ImportRunner.CheckAsync(connection, session.Transaction, command.Kind, file, ct);

            var now = time.GetUtcNow();
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(DeleteExpiredSql, new { cutoff = now - Lifetime }, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                id, ownerId = user.Id, kind = command.Kind, fileName = Path.GetFileName(command.FileName ?? ""), csv = text,
                previewJson = JsonSerializer.Serialize(checkedImport.Preview), now,
            }, session.Transaction, cancellationToken: ct));
            return id;
        }
    }
}
