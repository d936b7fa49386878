using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>Removing a rung: nothing recorded changes, people's standings are simply computed without it.</summary>
public static class DeleteRung
{
    public sealed class Command : ICommand<bool>, IAuditedCommand
    {
        public Guid Id { get; set; }

        public AuditEntry DescribeForAudit(object? response) => new("teams.rung-deleted", "ladder-rung", Id.ToString(), "Ladder rung deleted.");
    }

    private const string Sql = "DELETE FROM teams_ladder_rung WHERE id = @Id";

    internal sealed class Handler(DbSession session) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            return await connection.ExecuteAsync(new CommandDefinition(Sql, new { command.Id }, session.Transaction, cancellationToken: ct)) > 0;
        }
    }
}
