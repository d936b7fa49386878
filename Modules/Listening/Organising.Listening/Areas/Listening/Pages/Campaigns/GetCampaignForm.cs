using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Settings;
using Organising.Teams.Contracts;

namespace Organising.Listening.Areas.Listening.Pages.Campaigns;

/// <summary>
/// What the start and edit forms need: the teams the user may run a campaign with (every team for Organisers, the
/// teams they lead for a Leader), the networks to tick, today's date in the organisation's zone, and the campaign
/// being edited. Null when that campaign is not there or the user may not change it.
/// </summary>
public static class GetCampaignForm
{
    public sealed record Query(Guid? CampaignId) : IQuery<Form?>;

    public sealed class Campaign
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string? Purpose { get; init; }
        public Guid TeamId { get; init; }
        public string StartsOn { get; init; } = "";
        public string EndsOn { get; init; } = "";
        public int TargetConversations { get; init; }
        public string Status { get; init; } = "";
        public IReadOnlyList<Guid> NetworkIds { get; set; } = [];
    }

    public sealed record Form(Campaign? Campaign, IReadOnlyList<TeamSummary> Teams, IReadOnlyList<NetworkSummary> Networks, DateOnly Today);

    private const string CampaignSql = """
        SELECT id AS Id, name AS Name, purpose AS Purpose, team_id AS TeamId, starts_on AS StartsOn, ends_on AS EndsOn,
               target_conversations AS TargetConversations, status AS Status
        FROM listening_campaign WHERE id = @id
        """;
    private const string NetworksSql = "SELECT network_id FROM listening_campaign_network WHERE campaign_id = @id";

    internal sealed class Handler(DbSession session, ListeningScope scope, ISender sender, OrganisationTime localTime, TimeProvider time)
        : IQueryHandler<Query, Form?>
    {
        public async ValueTask<Form?> Handle(Query query, CancellationToken ct)
        {
            Campaign? campaign = null;
            if (query.CampaignId is { } id)
            {
                var connection = await session.ConnectionAsync(ct);
                campaign = await connection.QuerySingleOrDefaultAsync<Campaign>(new CommandDefinition(CampaignSql, new { id }, session.Transaction, cancellationToken: ct));
                if (campaign is null || !await scope.ManagesAsync(campaign.TeamId, ct)) return null;
                campaign.NetworkIds = (await connection.QueryAsync<Guid>(new CommandDefinition(NetworksSql, new { id }, session.Transaction, cancellationToken: ct))).ToList();
            }
            var led = await scope.LedTeamsAsync(ct);
            var teams = (await sender.Send(new ListTeams(), ct)).Where(t => scope.SeesAll || led.Contains(t.Id)).ToList();
            // Current networks, and the campaign's own even when archived since.
            var networks = (await sender.Send(new ListNetworks(IncludeArchived: true), ct))
                .Where(n => !n.IsArchived || campaign?.NetworkIds.Contains(n.Id) == true).ToList();
            var today = DateOnly.FromDateTime((await localTime.ToLocalAsync(time.GetUtcNow())).DateTime);
            return new Form(campaign, teams, networks, today);
        }
    }
}
