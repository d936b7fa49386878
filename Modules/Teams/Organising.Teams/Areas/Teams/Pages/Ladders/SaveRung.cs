using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Ladders;

namespace Organising.Teams.Areas.Teams.Pages.Ladders;

/// <summary>Adding and changing a ladder rung (no Id adds). Rungs are data: Organisers shape the ladders to their programme.</summary>
public static partial class SaveRung
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Choose which ladder the rung is on.")]
        public string Track { get; set; } = LadderStandings.Community;

        [Range(1, 50, ErrorMessage = "Give the rung a number from 1 to 50.")]
        public int Position { get; set; } = 1;

        [Required(ErrorMessage = "Name the rung, for example “Hosted a house meeting”.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose what reaches the rung.")]
        public string Rule { get; set; } = LadderRules.OneToOnes;

        [StringLength(60, ErrorMessage = "Use at most 60 characters for the activity.")]
        public string? Activity { get; set; }

        [Range(1, 1000, ErrorMessage = "The number of times must be from 1 to 1,000.")]
        public int Threshold { get; set; } = 1;

        public IEnumerable<FieldError> Validate()
        {
            if (Track is not (LadderStandings.Clinician or LadderStandings.Community)) yield return new FieldError(nameof(Track), "Choose one of the two ladders.");
            if (!LadderRules.All.Contains(Rule)) yield return new FieldError(nameof(Rule), "Choose one of the rules in the list.");
            if (Rule == LadderRules.Activity && (string.IsNullOrWhiteSpace(Activity) || !ActivityPattern().IsMatch(Activity.Trim())))
                yield return new FieldError(nameof(Activity), "Choose the activity that counts, or type one in lower case with hyphens, like “led-a-workshop”.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new(Id is null ? "teams.rung-added" : "teams.rung-changed", "ladder-rung", (Id ?? response as Guid?)?.ToString(), $"Rung “{Name}” on the {Track} ladder.");
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,59}$")]
    private static partial Regex ActivityPattern();

    private const string TakenSql = "SELECT name FROM teams_ladder_rung WHERE track = @Track AND position = @Position AND (@id IS NULL OR id <> @id)";
    private const string ExistsSql = "SELECT COUNT(*) FROM teams_ladder_rung WHERE id = @id";

    private const string InsertSql = """
        INSERT INTO teams_ladder_rung (id, track, position, name, rule, activity, threshold)
        VALUES (@id, @Track, @Position, @Name, @Rule, @activity, @Threshold)
        """;

    private const string UpdateSql = """
        UPDATE teams_ladder_rung SET track = @Track, position = @Position, name = @Name, rule = @Rule, activity = @activity, threshold = @Threshold
        WHERE id = @id
        """;

    internal sealed class Handler(DbSession session) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            var args = new DynamicParameters(new { command.Track, command.Position, Name = command.Name.Trim(), command.Rule, command.Threshold });
            args.Add("id", command.Id?.ToString("D"), System.Data.DbType.String);
            args.Add("activity", command.Rule == LadderRules.Activity ? command.Activity?.Trim() : null, System.Data.DbType.String);

            if (command.Id is not null && await connection.ExecuteScalarAsync<long>(new CommandDefinition(ExistsSql, args, session.Transaction, cancellationToken: ct)) == 0)
                throw new ValidationFailedException("", "That rung no longer exists.");
            if (await connection.ExecuteScalarAsync<string?>(new CommandDefinition(TakenSql, args, session.Transaction, cancellationToken: ct)) is { } taken)
                throw new ValidationFailedException(nameof(Command.Position), $"Rung {command.Position} on this ladder is already “{taken}”. Choose another number, or change that rung first.");

            args.Add("id", id.ToString("D"), System.Data.DbType.String);
            await connection.ExecuteAsync(new CommandDefinition(command.Id is null ? InsertSql : UpdateSql, args, session.Transaction, cancellationToken: ct));
            return id;
        }
    }
}
