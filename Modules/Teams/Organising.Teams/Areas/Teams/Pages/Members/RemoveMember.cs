using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>Takes a person out of a team (after the confirmation page). Their pipeline record and one-to-ones stay.</summary>
public static class RemoveMember
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid TeamId { get; set; }
        public Guid PersonId { get; set; }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("teams.member-removed", "team", TeamId.ToString(), $"Person {PersonId} removed from the team.");
    }

    private const string DeleteSql = "DELETE FROM teams_member WHERE team_id = @teamId AND person_id = @personId";

    internal sealed class Handler(DbSession session, TeamScope scope) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            if (!await scope.ManagesAsync(command.TeamId, ct)) throw new ValidationFailedException("", ChangeMember.NotAMember);
            var connection = await session.ConnectionAsync(ct);
            var removed = await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { teamId = command.TeamId, personId = command.PersonId },
                session.Transaction, cancellationToken: ct));
            if (removed == 0) throw new ValidationFailedException("", ChangeMember.NotAMember);
            return Unit.Value;
        }
    }
}
