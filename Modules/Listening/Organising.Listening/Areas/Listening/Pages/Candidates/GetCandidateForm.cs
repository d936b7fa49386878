using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Data;

namespace Organising.Listening.Areas.Listening.Pages.Candidates;

/// <summary>
/// What the create and edit forms show: the campaign, the candidate being edited, and the issues raised a new candidate
/// is cut from (only rows of that campaign are shown; others asked for are left out, and the command refuses them).
/// Null when the user does not manage the campaign (or the candidate's).
/// </summary>
public static class GetCandidateForm
{
    public sealed record Query(Guid? CampaignId, Guid? CandidateId, IReadOnlyList<Guid> RaisedIds) : IQuery<Form?>;

    public sealed class Raised
    {
        public Guid Id { get; init; }
        public string Text { get; init; } = "";
    }

    public sealed record Campaign(Guid Id, string Name);

    public sealed record Candidate(Guid Id, Guid CampaignId, string CampaignName, string Title, string? Problem, string Status);

    public sealed record Form(Campaign Campaign, Candidate? Candidate, IReadOnlyList<Raised> Raised);

    private const string RaisedSql = """
        SELECT r.id AS Id, r.text AS Text FROM listening_raised r
        WHERE r.id IN (SELECT value FROM json_each(@ids)) AND r.campaign_id = @campaignId
        ORDER BY r.created_at, r.id
        """;

    internal sealed class Handler(DbSession session, CandidateAccess access) : IQueryHandler<Query, Form?>
    {
        public async ValueTask<Form?> Handle(Query query, CancellationToken ct)
        {
            CandidateAccess.Candidate? candidate = null;
            if (query.CandidateId is { } candidateId && (candidate = await access.FindAsync(candidateId, ct)) is null) return null;
            var campaignId = candidate?.CampaignId ?? query.CampaignId;
            if (campaignId is null || await access.FindCampaignAsync(campaignId.Value, ct) is not { } campaign) return null;
            var raised = new List<Raised>();
            if (query.RaisedIds.Count > 0)
            {
                var connection = await session.ConnectionAsync(ct);
                raised = (await connection.QueryAsync<Raised>(new CommandDefinition(RaisedSql,
                    new { ids = SqlText.IdList(query.RaisedIds), campaignId = campaign.Id }, session.Transaction, cancellationToken: ct))).ToList();
            }
            return new Form(new Campaign(campaign.Id, campaign.Name),
                candidate is null ? null : new Candidate(candidate.Id, candidate.CampaignId, candidate.CampaignName, candidate.Title, candidate.Problem, candidate.Status),
                raised);
        }
    }
}
