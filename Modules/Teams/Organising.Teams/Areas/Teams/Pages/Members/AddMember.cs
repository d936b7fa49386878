using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>Adds a person to a team with a team role, and whether they lead it. Only those who manage the team.</summary>
public static class AddMember
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        public Guid TeamId { get; set; }
        public Guid PersonId { get; set; }
        public string Role { get; set; } = TeamRoles.Volunteer;
        public bool Leads { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (PersonId == Guid.Empty) yield return new FieldError(nameof(PersonId), "Choose the person to add from the people found.");
            if (!TeamRoles.All.Contains(Role)) yield return new FieldError(nameof(Role), "Choose one of the team roles in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) =>
            new("teams.member-added", "team", TeamId.ToString(), $"Person {PersonId} added as {TeamRoles.Describe(Role).ToLowerInvariant()}{(Leads ? ", leading the team" : "")}.");
    }

    private const string InsertSql = """
        INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES (@teamId, @personId, @role, @leads, @now)
        ON CONFLICT (team_id, person_id) DO NOTHING
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!await TeamRecords.ExistsAsync(session, command.TeamId, ct) || !await scope.ManagesAsync(command.TeamId, ct))
                throw new ValidationFailedException("", TeamRecords.NoSuchTeam);
            // Only someone the user may see in Networks: an id they could not have found answers as unknown.
            var person = (await sender.Send(new GetVisiblePeople([command.PersonId]), ct)).SingleOrDefault();
            if (person is null || person.IsErased)
                throw new ValidationFailedException(nameof(Command.PersonId), "That person is not on record. Search again and choose from the people found.");
            var connection = await session.ConnectionAsync(ct);
            var added = await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                teamId = command.TeamId, personId = command.PersonId, role = command.Role, leads = command.Leads ? 1 : 0, now = time.GetUtcNow(),
            }, session.Transaction, cancellationToken: ct));
            if (added == 0) throw new ValidationFailedException(nameof(Command.PersonId), $"{person.DisplayName} is already a member of this team.");
            return command.PersonId;
        }
    }
}
