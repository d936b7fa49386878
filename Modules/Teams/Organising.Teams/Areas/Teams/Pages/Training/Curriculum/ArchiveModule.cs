using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

/// <summary>Archiving hides a module from new sessions and the list; its sessions and completions are kept.</summary>
public static class ArchiveModule
{
    public sealed class Command : ICommand<Unit>, IAuditedCommand
    {
        public Guid ModuleId { get; set; }
        public bool Archive { get; set; } = true;

        public AuditEntry DescribeForAudit(object? response) =>
            new(Archive ? "teams.curriculum-module-archived" : "teams.curriculum-module-restored", "curriculum-module", ModuleId.ToString(),
                Archive ? "Curriculum module archived." : "Curriculum module restored.");
    }

    private const string Sql = "UPDATE teams_curriculum_module SET archived_at = @archivedAt WHERE id = @ModuleId";

    internal sealed class Handler(DbSession session, TimeProvider time) : ICommandHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var parameters = new DynamicParameters(new { command.ModuleId });
            parameters.Add("archivedAt", command.Archive ? DapperTypeHandlers.ToDbText(time.GetUtcNow()) : null, System.Data.DbType.String);
            var changed = await connection.ExecuteAsync(new CommandDefinition(Sql, parameters, session.Transaction, cancellationToken: ct));
            if (changed == 0) throw new ValidationFailedException("", "That module no longer exists.");
            return Unit.Value;
        }
    }
}
