using Dapper;
using Organising.Platform.Data;

namespace Organising.Listening.Events;

/// <summary>What the event form and the command that saves it both read: the campaign with its networks, and an event's people.</summary>
internal static class EventRecords
{
    private const string CampaignSql = "SELECT id AS Id, name AS Name, team_id AS TeamId, starts_on AS StartsOn, ends_on AS EndsOn FROM listening_campaign WHERE id = @id";
    private const string NetworksSql = "SELECT network_id FROM listening_campaign_network WHERE campaign_id = @id";
    private const string PeopleSql = "SELECT person_id AS PersonId, role AS Role FROM listening_event_person WHERE event_id = @id";

    public sealed class Campaign
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
        public string StartsOn { get; init; } = "";
        public string EndsOn { get; init; } = "";
        public IReadOnlySet<Guid> NetworkIds { get; set; } = new HashSet<Guid>();
    }

    public sealed class Person
    {
        public Guid PersonId { get; init; }
        public string Role { get; init; } = "";
    }

    public static async Task<Campaign?> CampaignAsync(DbSession session, Guid id, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var campaign = await connection.QuerySingleOrDefaultAsync<Campaign>(new CommandDefinition(CampaignSql, new { id }, session.Transaction, cancellationToken: ct));
        if (campaign is not null)
            campaign.NetworkIds = (await connection.QueryAsync<Guid>(new CommandDefinition(NetworksSql, new { id }, session.Transaction, cancellationToken: ct))).ToHashSet();
        return campaign;
    }

    public static async Task<List<Person>> PeopleAsync(DbSession session, Guid eventId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<Person>(new CommandDefinition(PeopleSql, new { id = eventId }, session.Transaction, cancellationToken: ct))).ToList();
    }
}
