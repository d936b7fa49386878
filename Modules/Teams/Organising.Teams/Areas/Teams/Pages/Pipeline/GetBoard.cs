using Mediator;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.Pipeline;

/// <summary>The pipeline board: a column per stage with its count and its people, longest at the stage first. Null when the user may not see the team's people.</summary>
public static class GetBoard
{
    public sealed record Query(Guid TeamId) : IQuery<Board?>;

    public sealed record Person(Guid RecruitId, string Name, DateTimeOffset Since);

    public sealed record Column(string Stage, IReadOnlyList<Person> People)
    {
        public int Count => People.Count;
    }

    public sealed record Board(Guid TeamId, string TeamName, bool CanManage, IReadOnlyList<Column> Columns)
    {
        public int Total => Columns.Sum(c => c.Count);
    }

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Board?>
    {
        public async ValueTask<Board?> Handle(Query query, CancellationToken ct)
        {
            if (await TeamPipeline.TeamAsync(session, scope, query.TeamId, ct) is not { } team) return null;
            var byStage = (await TeamPipeline.RecruitsAsync(session, sender, query.TeamId, ct)).ToLookup(r => r.Stage);
            var columns = PipelineStages.All.Select(stage => new Column(stage,
                byStage[stage].OrderBy(r => r.StageSince).ThenBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
                    .Select(r => new Person(r.Id, r.Name, r.StageSince)).ToList())).ToList();
            return new Board(team.Id, team.Name, team.CanManage, columns);
        }
    }
}
