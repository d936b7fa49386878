using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Members;

/// <summary>Changes a member's team role and whether they lead the team. Only those who manage the team.</summary>
public static class ChangeMember
{
    public const string NotAMember = "That person is not a member of this team, or you may not change it.";

    public sealed class Command : ICommand<bool>, IValidatable, IAuditedCommand
    {
        public Guid TeamId { get; set; }
        public Guid PersonId { get; set; }
        public string Role { get; set; } = "";
        public bool Leads { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (!TeamRoles.All.Contains(Role)) yield return new FieldError(nameof(Role), "Choose one of the team roles in the list.");
        }

        /// <summary>Audited only when something changed (the response is true).</summary>
        public AuditEntry? DescribeForAudit(object? response) => response is true
            ? new("teams.member-changed", "team", TeamId.ToString(), $"Person {PersonId} is now {TeamRoles.Describe(Role).ToLowerInvariant()}{(Leads ? ", leading the team" : ", not leading the team")}.")
            : null;
    }

    private const string UpdateSql = """
        UPDATE teams_member SET role = @role, leads = @leads
        WHERE team_id = @teamId AND person_id = @personId AND (role <> @role OR leads <> @leads)
        """;
    private const string IsMemberSql = "SELECT COUNT(*) FROM teams_member WHERE team_id = @teamId AND person_id = @personId";

    internal sealed class Handler(DbSession session, TeamScope scope) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var args = new { teamId = command.TeamId, personId = command.PersonId, role = command.Role, leads = command.Leads ? 1 : 0 };
            if (!await scope.ManagesAsync(command.TeamId, ct)
                || await connection.ExecuteScalarAsync<int>(new CommandDefinition(IsMemberSql, args, session.Transaction, cancellationToken: ct)) == 0)
                throw new ValidationFailedException("", NotAMember);
            return await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct)) > 0;
        }
    }
}
