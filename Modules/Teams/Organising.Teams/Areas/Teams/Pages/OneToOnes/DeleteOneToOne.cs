using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Platform.Reminders;

using Organising.Teams.People;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>Deletes a one-to-one and cancels its follow-up reminder, together. Only those who may read its notes may delete it.</summary>
public static class DeleteOneToOne
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid Id { get; set; }

        public AuditEntry DescribeForAudit(object? response) => new("teams.one-to-one-deleted", "one-to-one", Id.ToString(), "One-to-one deleted.");
    }

    private sealed class Row
    {
        public Guid? TeamId { get; init; }
        public Guid HeldBy { get; init; }
        public Guid? RecordedBy { get; init; }
    }

    private const string RowSql = "SELECT team_id AS TeamId, held_by AS HeldBy, recorded_by AS RecordedBy FROM teams_one_to_one WHERE id = @Id";
    private const string DeleteSql = "DELETE FROM teams_one_to_one WHERE id = @Id";

    internal sealed class Handler(DbSession session, TeamScope scope, IReminders reminders) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(RowSql, new { command.Id }, session.Transaction, cancellationToken: ct));
            var access = await OneToOneAccess.ForAsync(scope, ct);
            if (row is null || !access.MaySeeNotes(row.TeamId, row.HeldBy, row.RecordedBy))
                throw new ValidationFailedException("", "That one-to-one no longer exists.");
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { command.Id }, session.Transaction, cancellationToken: ct));
            await reminders.CancelByPrefixAsync(OneToOneKeys.Prefix(command.Id), ct);
            return Unit.Value;
        }
    }
}
