using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages;

/// <summary>What the create and edit forms need: the networks to choose from, and the team being edited (null when it is not there or the user may not change it).</summary>
public static class GetTeamForm
{
    public sealed record Query(Guid? TeamId) : IQuery<Form?>;

    public sealed class Team
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public Guid? NetworkId { get; init; }
        public string Status { get; init; } = "";
    }

    public sealed record Form(Team? Team, IReadOnlyList<NetworkSummary> Networks);

    private const string TeamSql = "SELECT id AS Id, name AS Name, purpose AS Purpose, network_id AS NetworkId, status AS Status FROM teams_team WHERE id = @id";

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Form?>
    {
        public async ValueTask<Form?> Handle(Query query, CancellationToken ct)
        {
            Team? team = null;
            if (query.TeamId is { } id)
            {
                if (!await scope.ManagesAsync(id, ct)) return null;
                var connection = await session.ConnectionAsync(ct);
                team = await connection.QuerySingleOrDefaultAsync<Team>(new CommandDefinition(TeamSql, new { id }, session.Transaction, cancellationToken: ct));
                if (team is null) return null;
            }
            // Current networks, and the team's own even when archived since.
            var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct))
                .Where(n => !n.IsArchived || n.Id == team?.NetworkId).ToList();
            return new Form(team, networks);
        }
    }
}
