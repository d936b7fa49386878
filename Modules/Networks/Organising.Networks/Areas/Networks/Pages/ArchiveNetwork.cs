using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages;

public static class ArchiveNetwork
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid NetworkId { get; set; }
        public bool Archive { get; set; } = true;

        public AuditEntry DescribeForAudit(object? response) =>
            new(Archive ? "networks.network-archived" : "networks.network-restored", "network", NetworkId.ToString(),
                Archive ? "Network archived." : "Network restored.");
    }

    private const string Sql = "UPDATE networks_network SET archived_at = @archivedAt WHERE id = @NetworkId";

    internal sealed class Handler(DbSession session, TimeProvider time) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(Sql,
                new { command.NetworkId, archivedAt = command.Archive ? time.GetUtcNow() : (DateTimeOffset?)null }, session.Transaction, cancellationToken: ct));
            return Unit.Value;
        }
    }
}
