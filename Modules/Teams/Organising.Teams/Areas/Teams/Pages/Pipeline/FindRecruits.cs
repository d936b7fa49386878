using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>
/// The pipeline as a table: each recruit's stage and since when, by name; search by name, filter by stage, paging.
/// A team's pipeline is tens to hundreds of people, and names live in Networks, so it filters and pages what
/// <see cref="TeamPipeline"/> loads in two queries. Null when the user may not see the team's people.
/// </summary>
public static class FindRecruits
{
    /// <summary>PageSize null means every row (the CSV export). An unknown stage is ignored.</summary>
    public sealed record Query(Guid TeamId, string? Search, string? Stage, int Page, int? PageSize) : IQuery<Result?>;

    public sealed record Row(Guid RecruitId, string Name, string Stage, DateTimeOffset Since);

    public sealed record Result(Guid TeamId, string TeamName, bool CanManage, Paged<Row> Recruits, bool AnyRecruits);

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            if (await TeamPipeline.TeamAsync(session, scope, query.TeamId, ct) is not { } team) return null;
            var all = await TeamPipeline.RecruitsAsync(session, sender, query.TeamId, ct);
            var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
            var stage = PipelineStages.All.Contains(query.Stage ?? "") ? query.Stage : null;
            var matches = all
                .Where(r => search is null || r.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase))
                .Where(r => stage is null || r.Stage == stage)
                .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Id)
                .ToList();
            var size = Math.Min(query.PageSize ?? int.MaxValue, Paging.MaxPageSize);
            if (query.PageSize is null) size = Math.Max(1, matches.Count);
            var page = query.PageSize is null ? 1 : query.Page;
            var rows = matches.Skip(Paging.Offset(page, size)).Take(size).Select(r => new Row(r.Id, r.Name, r.Stage, r.StageSince)).ToList();
            return new Result(team.Id, team.Name, team.CanManage, new Paged<Row>(rows, matches.Count, page, size), all.Count > 0);
        }
    }
}
