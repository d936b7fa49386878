using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

public static class ArchiveInstitution
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid InstitutionId { get; set; }
        public bool Archive { get; set; } = true;

        public AuditEntry DescribeForAudit(object? response) =>
            new(Archive ? "networks.institution-archived" : "networks.institution-restored", "institution", InstitutionId.ToString(),
                Archive ? "Institution archived." : "Institution restored.");
    }

    private const string Sql = "UPDATE networks_institution SET archived_at = @archivedAt WHERE id = @InstitutionId";

    internal sealed class Handler(DbSession session, TimeProvider time) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var changed = await connection.ExecuteAsync(new CommandDefinition(Sql,
                new { command.InstitutionId, archivedAt = command.Archive ? time.GetUtcNow() : (DateTimeOffset?)null }, session.Transaction, cancellationToken: ct));
            if (changed == 0) throw new ValidationFailedException("", "That institution no longer exists.");
            return Unit.Value;
        }
    }
}
