using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Networks.Areas.Networks.Pages.Import;

/// <summary>Throws away an upload without importing it. False when it is not the user's (or already gone).</summary>
public static class DiscardImport
{
    public sealed record Command(Guid Id) : ICommand<bool>;

    private const string DeleteSql = "DELETE FROM networks_import WHERE id = @id AND owner_id = @ownerId";

    internal sealed class Handler(DbSession session, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            if (user.Id is null) return false;
            var connection = await session.ConnectionAsync(ct);
            var deleted = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { id = command.Id, ownerId = user.Id }, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(UploadImport.DeleteExpiredSql, new { cutoff = time.GetUtcNow() - UploadImport.Lifetime },
                session.Transaction, cancellationToken: ct));
            return deleted > 0;
        }
    }
}
