using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.People;

public static class AddPersonNote
{
    public sealed class Command : ICommand<Guid>, IAuditedCommand
    {
        public Guid PersonId { get; set; }

        [Required(ErrorMessage = "Write the note.")]
        [StringLength(4000, ErrorMessage = "Use at most 4,000 characters for a note.")]
        public string Body { get; set; } = "";

        public AuditEntry DescribeForAudit(object? response) =>
            new("networks.person-note-added", "person", PersonId.ToString(), "Note added.");
    }

    private const string PersonSql = $"""
        SELECT EXISTS (SELECT 1 FROM networks_person p
                       WHERE p.id = @PersonId AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter})
        """;
    private const string InsertSql = """
        INSERT INTO networks_person_note (id, person_id, body, created_at, created_by, created_by_name)
        VALUES (@id, @PersonId, @body, @now, @userId, @userName)
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope, ICurrentUser user, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PersonSql, (await scope.WithAsync(new { command.PersonId }, ct)), session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException("", "That person's record no longer exists, or is not yours to change.");
            }
            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                id, command.PersonId, body = command.Body.Trim(), now = time.GetUtcNow(), userId = user.Id, userName = user.Name,
            }, session.Transaction, cancellationToken: ct));
            return id;
        }
    }
}
