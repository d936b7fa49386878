using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>
/// Moves a recruit to another stage, forwards or back, and records it in their stage history with the date and who
/// moved them; a move back is noted as one. Only those who manage the team.
/// </summary>
public static class MoveRecruit
{
    public const string NoSuchRecruit = "That person is no longer in this team's pipeline, or you may not change it.";

    public sealed class Command : ICommand<Moved>, IValidatable, IAuditedCommand
    {
        public Guid TeamId { get; set; }
        public Guid RecruitId { get; set; }
        public string Stage { get; set; } = "";

        public IEnumerable<FieldError> Validate()
        {
            if (!PipelineStages.All.Contains(Stage)) yield return new FieldError(nameof(Stage), "Choose one of the stages in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Moved { Changed: true } moved
            ? new("teams.recruit-moved", "recruit", RecruitId.ToString(),
                $"Moved from “{PipelineStages.Describe(moved.From)}” to “{PipelineStages.Describe(moved.To)}”{(moved.Backwards ? " (back)" : "")}.")
            : null;
    }

    public sealed record Moved(string From, string To)
    {
        public bool Changed => From != To;
        public bool Backwards => PipelineStages.Position(To) < PipelineStages.Position(From);
    }

    private const string CurrentSql = "SELECT stage FROM teams_recruit WHERE id = @recruitId AND team_id = @teamId";
    private const string UpdateSql = "UPDATE teams_recruit SET stage = @stage, stage_since = @now WHERE id = @recruitId";
    private const string HistorySql = """
        INSERT INTO teams_recruit_stage (id, recruit_id, stage, entered_at, recorded_by, note) VALUES (@historyId, @recruitId, @stage, @now, @userId, @note)
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, TimeProvider time) : ICommandHandler<Command, Moved>
    {
        public async ValueTask<Moved> Handle(Command command, CancellationToken ct)
        {
            if (!await scope.ManagesAsync(command.TeamId, ct)) throw new ValidationFailedException("", NoSuchRecruit);
            var connection = await session.ConnectionAsync(ct);
            var from = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(CurrentSql,
                new { recruitId = command.RecruitId, teamId = command.TeamId }, session.Transaction, cancellationToken: ct))
                ?? throw new ValidationFailedException("", NoSuchRecruit);
            var moved = new Moved(from, command.Stage);
            if (!moved.Changed) return moved;
            var args = new
            {
                historyId = Guid.CreateVersion7(), recruitId = command.RecruitId, stage = command.Stage, now = time.GetUtcNow(), userId = scope.UserId,
                note = moved.Backwards ? $"Moved back from {PipelineStages.Describe(from)}." : null,
            };
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(HistorySql, args, session.Transaction, cancellationToken: ct));
            return moved;
        }
    }
}
