using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>Puts a person into a team's pipeline at a stage (a prospect, usually), with the first row of their stage history.</summary>
public static class AddRecruit
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        public Guid TeamId { get; set; }
        public Guid PersonId { get; set; }
        public string Stage { get; set; } = PipelineStages.Prospect;

        public IEnumerable<FieldError> Validate()
        {
            if (PersonId == Guid.Empty) yield return new FieldError(nameof(PersonId), "Choose the person from the people found.");
            if (!PipelineStages.All.Contains(Stage)) yield return new FieldError(nameof(Stage), "Choose one of the stages in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Guid recruitId
            ? new("teams.recruit-added", "recruit", recruitId.ToString(), $"Person {PersonId} added to team {TeamId}'s pipeline at “{PipelineStages.Describe(Stage)}”.")
            : null;
    }

    private const string InsertSql = """
        INSERT INTO teams_recruit (id, team_id, person_id, stage, stage_since, created_at, created_by)
        VALUES (@id, @teamId, @personId, @stage, @now, @now, @userId)
        ON CONFLICT (team_id, person_id) DO NOTHING
        """;

    private const string HistorySql = """
        INSERT INTO teams_recruit_stage (id, recruit_id, stage, entered_at, recorded_by, note) VALUES (@historyId, @id, @stage, @now, @userId, NULL)
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
            var args = new
            {
                id = Guid.CreateVersion7(), historyId = Guid.CreateVersion7(), teamId = command.TeamId, personId = command.PersonId,
                stage = command.Stage, now = time.GetUtcNow(), userId = scope.UserId,
            };
            if (await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct)) == 0)
                throw new ValidationFailedException(nameof(Command.PersonId), $"{person.DisplayName} is already in this team's pipeline.");
            await connection.ExecuteAsync(new CommandDefinition(HistorySql, args, session.Transaction, cancellationToken: ct));
            return args.id;
        }
    }
}
