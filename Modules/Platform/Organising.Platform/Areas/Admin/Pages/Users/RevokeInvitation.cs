using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Platform.Areas.Admin.Pages.Users;

public static class RevokeInvitation
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid InvitationId { get; set; }

        public AuditEntry DescribeForAudit(object? response) =>
            new(AuditKinds.InvitationRevoked, "invitation", InvitationId.ToString(), "Invitation withdrawn.");
    }

    private const string RevokeSql = """
        UPDATE platform_invitation SET revoked_at = @now
        WHERE id = @id AND accepted_at IS NULL AND revoked_at IS NULL
        """;

    internal sealed class Handler(DbSession session, TimeProvider time) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var changed = await connection.ExecuteAsync(new CommandDefinition(RevokeSql,
                new { id = command.InvitationId, now = time.GetUtcNow() }, session.Transaction, cancellationToken: ct));
            if (changed == 0) throw new ValidationFailedException("", "That invitation has already been accepted or withdrawn.");
            return Unit.Value;
        }
    }
}
