using Dapper;
using Mediator;
using Organising.Listening.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Issues;

/// <summary>The winnable-issue criteria a candidate is scored against, 1 (not at all) to 5 (fully).</summary>
internal static class Criteria
{
    public sealed record Criterion(string Key, string Name, string Question);

    public static readonly IReadOnlyList<Criterion> All =
    [
        new("specific", "Specific", "Is it a concrete change, not a broad problem?"),
        new("winnable", "Winnable", "Can we realistically win it with the power we have or can build?"),
        new("widely-felt", "Widely felt", "Do many people feel it?"),
        new("deeply-felt", "Deeply felt", "Do people feel it strongly enough to act?"),
        new("clear-target", "Clear target", "Is there a person who can say yes?"),
        new("timeframe", "Timeframe", "Can it be won in a time that keeps people involved?"),
        new("builds-leadership", "Builds leadership", "Will working on it grow new leaders?"),
    ];

    public const int Lowest = 1;
    public const int Highest = 5;
}

internal static class CandidateStatuses
{
    public const string Candidate = "candidate";
    public const string Prioritised = "prioritised";
    public const string SetAside = "set-aside";

    public static readonly IReadOnlyList<string> All = [Candidate, Prioritised, SetAside];

    public static string Describe(string status) => status switch
    {
        Candidate => "Candidate",
        Prioritised => "On the people's agenda",
        SetAside => "Set aside",
        _ => status,
    };
}

/// <summary>
/// A candidate as the workbench's commands need it, found only when the user manages its campaign's team: anything
/// else (another team's, or no such candidate) is refused with <see cref="NotFound"/>, so a direct URL learns nothing.
/// </summary>
internal sealed class CandidateAccess(DbSession session, ListeningScope scope)
{
    public const string NotFound = "There is no such candidate issue, or it is not in one of your campaigns.";
    public const string NoCampaign = "There is no such campaign, or you do not manage it.";

    public sealed class Candidate
    {
        public Guid Id { get; init; }
        public Guid CampaignId { get; init; }
        public string CampaignName { get; init; } = "";
        public Guid TeamId { get; init; }
        public string Title { get; init; } = "";
        public string? Problem { get; init; }
        public string Status { get; init; } = "";
    }

    public sealed class Campaign
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
    }

    private const string CandidateSql = """
        SELECT k.id AS Id, k.campaign_id AS CampaignId, c.name AS CampaignName, c.team_id AS TeamId, k.title AS Title, k.problem AS Problem,
               k.status AS Status
        FROM listening_candidate k JOIN listening_campaign c ON c.id = k.campaign_id
        WHERE k.id = @id
        """;

    private const string CampaignSql = "SELECT c.id AS Id, c.name AS Name, c.team_id AS TeamId FROM listening_campaign c WHERE c.id = @id";

    /// <summary>The candidate, or null when there is none the user manages.</summary>
    public async Task<Candidate?> FindAsync(Guid id, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var candidate = await connection.QuerySingleOrDefaultAsync<Candidate>(new CommandDefinition(CandidateSql, new { id }, session.Transaction, cancellationToken: ct));
        return candidate is not null && await scope.ManagesAsync(candidate.TeamId, ct) ? candidate : null;
    }

    /// <summary>The candidate, or the refusal (field "") that pages show as "not found".</summary>
    public async Task<Candidate> GetAsync(Guid id, CancellationToken ct) =>
        await FindAsync(id, ct) ?? throw new ValidationFailedException("", NotFound);

    public async Task<Campaign?> FindCampaignAsync(Guid id, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        var campaign = await connection.QuerySingleOrDefaultAsync<Campaign>(new CommandDefinition(CampaignSql, new { id }, session.Transaction, cancellationToken: ct));
        return campaign is not null && await scope.ManagesAsync(campaign.TeamId, ct) ? campaign : null;
    }

    private const string SameCampaignSql = """
        SELECT COUNT(*) FROM listening_raised r WHERE r.id IN (SELECT value FROM json_each(@ids)) AND r.campaign_id = @campaignId
        """;

    // "WHERE 1 = 1": SQLite reads an upsert after a bare SELECT … FROM as a join's ON without it.
    private const string LinkSql = """
        INSERT INTO listening_candidate_raised (candidate_id, raised_id)
        SELECT @candidateId, value FROM json_each(@ids) WHERE 1 = 1
        ON CONFLICT DO NOTHING
        """;

    /// <summary>
    /// Links issues raised to a candidate in one statement, after checking every one is from the candidate's own
    /// campaign (else refused, naming <paramref name="field"/>). Returns how many links are new.
    /// </summary>
    public async Task<int> LinkAsync(Guid candidateId, Guid campaignId, IReadOnlyCollection<Guid> raisedIds, string field, CancellationToken ct)
    {
        var distinct = raisedIds.Distinct().ToList();
        if (distinct.Count == 0) return 0;
        var connection = await session.ConnectionAsync(ct);
        var ids = SqlText.IdList(distinct);
        var found = await connection.ExecuteScalarAsync<int>(new CommandDefinition(SameCampaignSql, new { ids, campaignId }, session.Transaction, cancellationToken: ct));
        if (found != distinct.Count)
            throw new ValidationFailedException(field, "Only issues raised in this candidate's own campaign can be linked to it: one or more of those were not.");
        return await connection.ExecuteAsync(new CommandDefinition(LinkSql, new { candidateId, ids }, session.Transaction, cancellationToken: ct));
    }
}

/// <summary>
/// Tells Research about the people's agenda: <see cref="IssuePrioritised"/> with the lineage's theme ids and counts
/// (when an issue goes on the agenda, and again when an agenda issue's links change), <see cref="IssueDeprioritised"/>
/// when it comes off. Published inside the command's transaction.
/// </summary>
internal sealed class AgendaNotifications(IssueLineage lineage, IPublisher publisher)
{
    public async Task PrioritisedAsync(Guid candidateId, string title, CancellationToken ct)
    {
        var of = await lineage.LoadAsync(candidateId, ct);
        await publisher.Publish(new IssuePrioritised(candidateId, title, of.ThemeIds, of.StoryCount, of.PeopleCount), ct);
    }

    public async Task DeprioritisedAsync(Guid candidateId, CancellationToken ct) =>
        await publisher.Publish(new IssueDeprioritised(candidateId), ct);
}
