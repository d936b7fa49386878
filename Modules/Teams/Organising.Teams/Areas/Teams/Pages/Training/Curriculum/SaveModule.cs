using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Training.Curriculum;

/// <summary>Adding and editing a curriculum module are one command: no Id adds, an Id edits.</summary>
public static class SaveModule
{
    public sealed class Command : ICommand<Guid>, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter the module's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for the description.")]
        public string? Description { get; set; }

        [Range(1, 1000, ErrorMessage = "Enter a position from 1 to 1,000: modules are listed in this order.")]
        public int Position { get; set; } = 1;

        public bool IsCore { get; set; }

        public AuditEntry DescribeForAudit(object? response) =>
            new(Id is null ? "teams.curriculum-module-added" : "teams.curriculum-module-edited", "curriculum-module", (Id ?? (Guid?)response)?.ToString(),
                $"Curriculum module “{Name.Trim()}” {(Id is null ? "added" : "edited")}.");
    }

    private const string ExistsSql = "SELECT COUNT(*) FROM teams_curriculum_module WHERE id = @id";
    private const string DuplicateSql = "SELECT COUNT(*) FROM teams_curriculum_module WHERE lower(name) = lower(@name) AND id <> @id";
    private const string InsertSql = """
        INSERT INTO teams_curriculum_module (id, name, description, position, is_core, created_at)
        VALUES (@id, @name, @description, @position, @isCore, @now)
        """;
    private const string UpdateSql = """
        UPDATE teams_curriculum_module SET name = @name, description = @description, position = @position, is_core = @isCore WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            if (command.Id is not null
                && await connection.ExecuteScalarAsync<long>(new CommandDefinition(ExistsSql, new { id }, session.Transaction, cancellationToken: ct)) == 0)
                throw new ValidationFailedException("", "That module no longer exists.");
            var name = command.Name.Trim();
            if (await connection.ExecuteScalarAsync<long>(new CommandDefinition(DuplicateSql, new { name, id }, session.Transaction, cancellationToken: ct)) > 0)
                throw new ValidationFailedException(nameof(Command.Name), $"There is already a module called “{name}” (perhaps archived). Choose another name.");
            var args = new
            {
                id, name, description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
                position = command.Position, isCore = command.IsCore ? 1 : 0, now = time.GetUtcNow(),
            };
            await connection.ExecuteAsync(new CommandDefinition(command.Id is null ? InsertSql : UpdateSql, args, session.Transaction, cancellationToken: ct));
            return id;
        }
    }
}
