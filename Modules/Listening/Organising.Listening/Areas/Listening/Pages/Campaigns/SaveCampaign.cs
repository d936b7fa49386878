using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>
/// Starting and editing a listening campaign are one command: no Id starts one, an Id edits it. Organisers run a
/// campaign with any team; a Leader only with a team they lead (and edits only those teams' campaigns). Teams come from
/// Teams' <see cref="ListTeams"/>, networks from Networks' <see cref="ListNetworks"/>.
/// </summary>
public static class SaveCampaign
{
    /// <summary>The refusal when the campaign is not there for this user: pages answer "not found".</summary>
    public const string NoSuchCampaign = "There is no such listening campaign.";

    public const int MaxTarget = 100_000;

    public sealed class Command : ICommand<Saved>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter the campaign's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

        [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for the purpose.")]
        public string? Purpose { get; set; }

        [Required(ErrorMessage = "Choose the team running the campaign.")]
        public Guid? TeamId { get; set; }

        [MinLength(1, ErrorMessage = "Tick at least one network the campaign listens in.")]
        public List<Guid> NetworkIds { get; set; } = [];

        [Required(ErrorMessage = "Enter the date the campaign starts.")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "Enter the date the campaign ends.")]
        public DateOnly? EndsOn { get; set; }

        [Required(ErrorMessage = "Enter the number of conversations the campaign aims for.")]
        [Range(0, MaxTarget, ErrorMessage = "Enter a target between 0 and 100,000 conversations.")]
        public int? TargetConversations { get; set; } = 100;

        [Required(ErrorMessage = "Choose the campaign's status.")]
        public string Status { get; set; } = CampaignStatuses.Active;

        public IEnumerable<FieldError> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name)) yield return new FieldError(nameof(Name), "Enter the campaign's name.");
            if (EndsOn < StartsOn) yield return new FieldError(nameof(EndsOn), "The campaign cannot end before it starts: choose an end date on or after the start date.");
            if (!CampaignStatuses.All.Contains(Status)) yield return new FieldError(nameof(Status), "Choose one of the statuses in the list.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response switch
        {
            Saved { Created: true } saved => new("listening.campaign-created", "listening-campaign", saved.Id.ToString(), $"Listening campaign “{saved.Name}” started."),
            Saved { Changed.Count: > 0 } saved => new("listening.campaign-edited", "listening-campaign", saved.Id.ToString(),
                $"Listening campaign “{saved.Name}” edited: {string.Join(", ", saved.Changed)}."),
            _ => null,
        };
    }

    public sealed record Saved(Guid Id, string Name, bool Created, IReadOnlyList<string> Changed);

    private sealed class Existing
    {
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public Guid TeamId { get; init; }
        public string StartsOn { get; init; } = "";
        public string EndsOn { get; init; } = "";
        public int TargetConversations { get; init; }
        public string Status { get; init; } = "";
    }

    private const string ExistingSql = """
        SELECT name AS Name, purpose AS Purpose, team_id AS TeamId, starts_on AS StartsOn, ends_on AS EndsOn,
               target_conversations AS TargetConversations, status AS Status
        FROM listening_campaign WHERE id = @id
        """;
    private const string NetworksSql = "SELECT network_id FROM listening_campaign_network WHERE campaign_id = @id";
    private const string EventNetworksSql = "SELECT DISTINCT network_id FROM listening_event WHERE campaign_id = @id";
    private const string DuplicateSql = "SELECT COUNT(*) FROM listening_campaign WHERE lower(name) = lower(@name) AND id <> @id";

    private const string InsertSql = """
        INSERT INTO listening_campaign (id, name, purpose, team_id, starts_on, ends_on, target_conversations, status, created_at, created_by, updated_at)
        VALUES (@id, @name, @purpose, @teamId, @startsOn, @endsOn, @target, @status, @now, @userId, @now)
        """;
    private const string UpdateSql = """
        UPDATE listening_campaign SET name = @name, purpose = @purpose, team_id = @teamId, starts_on = @startsOn, ends_on = @endsOn,
            target_conversations = @target, status = @status, updated_at = @now
        WHERE id = @id
        """;
    private const string AddNetworkSql = "INSERT INTO listening_campaign_network (campaign_id, network_id) VALUES (@id, @networkId)";
    private const string RemoveNetworkSql = "DELETE FROM listening_campaign_network WHERE campaign_id = @id AND network_id = @networkId";

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender, TimeProvider time) : ICommandHandler<Command, Saved>
    {
        public async ValueTask<Saved> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            Existing? existing = null;
            var oldNetworks = new HashSet<Guid>();
            if (command.Id is null)
            {
                if (!scope.SeesAll && (await scope.LedTeamsAsync(ct)).Count == 0)
                    throw new ValidationFailedException("", "Only Organisers and the Leaders of a team can start a listening campaign.");
            }
            else
            {
                existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { id }, session.Transaction, cancellationToken: ct));
                if (existing is null || !await scope.ManagesAsync(existing.TeamId, ct)) throw new ValidationFailedException("", NoSuchCampaign);
                oldNetworks = (await connection.QueryAsync<Guid>(new CommandDefinition(NetworksSql, new { id }, session.Transaction, cancellationToken: ct))).ToHashSet();
            }

            var errors = new List<FieldError>();
            var name = command.Name.Trim();
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(DuplicateSql, new { name, id }, session.Transaction, cancellationToken: ct)) > 0)
                errors.Add(new(nameof(Command.Name), $"There is already a listening campaign called “{name}”. Choose another name."));

            var teamId = command.TeamId!.Value;
            var teams = await sender.Send(new ListTeams(), ct);
            if (teams.All(t => t.Id != teamId))
                errors.Add(new(nameof(Command.TeamId), "Choose a team from the list: that one does not exist."));
            else if (!await scope.ManagesAsync(teamId, ct))
                errors.Add(new(nameof(Command.TeamId), "You can only run listening campaigns for the teams you lead: choose one of them."));

            // Current networks, or ones the campaign already has (they stay until untaken, even if archived since).
            var chosen = command.NetworkIds.ToHashSet();
            var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id);
            if (chosen.Any(n => !networks.TryGetValue(n, out var network) || (network.IsArchived && !oldNetworks.Contains(n))))
                errors.Add(new(nameof(Command.NetworkIds), "Choose networks from the list: one of those ticked does not exist or is archived."));
            else if (existing is not null)
            {
                // An event belongs to one of its campaign's networks, so a network with events in it stays.
                var used = (await connection.QueryAsync<Guid>(new CommandDefinition(EventNetworksSql, new { id }, session.Transaction, cancellationToken: ct)))
                    .Where(n => !chosen.Contains(n)).ToList();
                if (used.Count > 0)
                    errors.Add(new(nameof(Command.NetworkIds),
                        $"Events were recorded in {string.Join(" and ", used.Select(n => networks.TryGetValue(n, out var network) ? network.Name : "a network"))}: keep it ticked, or move those events to another network first."));
            }
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var args = new
            {
                id,
                name,
                purpose = string.IsNullOrWhiteSpace(command.Purpose) ? null : command.Purpose.Trim(),
                teamId,
                startsOn = CampaignDates.Store(command.StartsOn!.Value),
                endsOn = CampaignDates.Store(command.EndsOn!.Value),
                target = command.TargetConversations!.Value,
                status = command.Status,
                now = time.GetUtcNow(),
                userId = scope.UserId,
            };

            var changed = new List<string>();
            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
            }
            else
            {
                if (existing.Name != args.name) changed.Add("name");
                if (existing.Purpose != args.purpose) changed.Add("purpose");
                if (existing.TeamId != args.teamId) changed.Add("team");
                if (existing.StartsOn != args.startsOn || existing.EndsOn != args.endsOn) changed.Add("dates");
                if (existing.TargetConversations != args.target) changed.Add("target");
                if (existing.Status != args.status) changed.Add("status");
                if (!oldNetworks.SetEquals(chosen)) changed.Add("networks");
                if (changed.Count > 0) await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
            }
            foreach (var networkId in oldNetworks.Except(chosen))
                await connection.ExecuteAsync(new CommandDefinition(RemoveNetworkSql, new { id, networkId }, session.Transaction, cancellationToken: ct));
            foreach (var networkId in chosen.Except(oldNetworks))
                await connection.ExecuteAsync(new CommandDefinition(AddNetworkSql, new { id, networkId }, session.Transaction, cancellationToken: ct));
            return new Saved(id, name, existing is null, changed);
        }
    }
}
