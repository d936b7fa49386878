using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>
/// Creating and editing a team are one command: no Id creates (Organisers and Administrators), an Id edits (also a
/// Leader of that team). The network is chosen from Networks' current networks (ListNetworks).
/// </summary>
public static class SaveTeam
{
    public const string NoSuchTeam = TeamRecords.NoSuchTeam;

    public sealed class Command : ICommand<Saved>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter the team's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for the purpose.")]
        public string? Purpose { get; set; }

        public Guid? NetworkId { get; set; }

        [Required(ErrorMessage = "Choose the team's status.")]
        public string Status { get; set; } = TeamStatuses.Forming;

        public IEnumerable<FieldError> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name)) yield return new FieldError(nameof(Name), "Enter the team's name.");
            if (!TeamStatuses.All.Contains(Status)) yield return new FieldError(nameof(Status), "Choose one of the statuses in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response switch
        {
            Saved { Created: true } saved => new("teams.team-created", "team", saved.Id.ToString(), $"Team “{saved.Name}” created."),
            Saved { Changed.Count: > 0 } saved => new("teams.team-edited", "team", saved.Id.ToString(), $"Team “{saved.Name}” edited: {string.Join(", ", saved.Changed)}."),
            _ => null,
        };
    }

    public sealed record Saved(Guid Id, string Name, bool Created, IReadOnlyList<string> Changed);

    private sealed class Existing
    {
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public Guid? NetworkId { get; init; }
        public string Status { get; init; } = "";
    }

    private const string ExistingSql = "SELECT name AS Name, purpose AS Purpose, network_id AS NetworkId, status AS Status FROM teams_team WHERE id = @id";
    private const string DuplicateSql = "SELECT COUNT(*) FROM teams_team WHERE lower(name) = lower(@name) AND id <> @id";

    private const string InsertSql = """
        INSERT INTO teams_team (id, name, purpose, network_id, status, created_at, created_by, updated_at)
        VALUES (@id, @name, @purpose, @networkId, @status, @now, @userId, @now)
        """;

    private const string UpdateSql = """
        UPDATE teams_team SET name = @name, purpose = @purpose, network_id = @networkId, status = @status, updated_at = @now WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender, TimeProvider time) : ICommandHandler<Command, Saved>
    {
        public async ValueTask<Saved> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            Existing? existing = null;
            if (command.Id is null)
            {
                if (!scope.SeesAllTeams) throw new ValidationFailedException("", "Only Organisers can create teams.");
            }
            else
            {
                existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { id }, session.Transaction, cancellationToken: ct));
                if (existing is null || !await scope.ManagesAsync(id, ct)) throw new ValidationFailedException("", NoSuchTeam);
            }

            var name = command.Name.Trim();
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(DuplicateSql, new { name, id }, session.Transaction, cancellationToken: ct)) > 0)
                throw new ValidationFailedException(nameof(Command.Name), $"There is already a team called “{name}”. Choose another name.");

            // A current network, or the one the team already has (it stays until changed, even if archived since).
            if (command.NetworkId is { } networkId && networkId != existing?.NetworkId)
            {
                var networks = await sender.Send(new ListNetworks(), ct);
                if (networks.All(n => n.Id != networkId))
                    throw new ValidationFailedException(nameof(Command.NetworkId), "Choose a network from the list: that one does not exist or is archived.");
            }

            var args = new
            {
                id,
                name,
                purpose = string.IsNullOrWhiteSpace(command.Purpose) ? null : command.Purpose.Trim(),
                networkId = command.NetworkId,
                status = command.Status,
                now = time.GetUtcNow(),
                userId = scope.UserId,
            };
            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
                return new Saved(id, name, true, []);
            }

            var changed = new List<string>();
            if (existing.Name != args.name) changed.Add("name");
            if (existing.Purpose != args.purpose) changed.Add("purpose");
            if (existing.NetworkId != args.networkId) changed.Add("network");
            if (existing.Status != args.status) changed.Add("status");
            if (changed.Count > 0) await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
            return new Saved(id, name, false, changed);
        }
    }
}
