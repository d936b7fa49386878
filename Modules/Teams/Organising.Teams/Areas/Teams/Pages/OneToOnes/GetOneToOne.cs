using System.Globalization;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Teams.Areas.Teams.Pages.OneToOnes;

/// <summary>
/// One one-to-one as the current user may see it: null when they may not see it at all, and without its notes
/// (<see cref="Details.CanSeeNotes"/> false) when they may see only that it happened.
/// </summary>
public static class GetOneToOne
{
    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed class Details
    {
        public Guid Id { get; init; }
        public Guid? TeamId { get; init; }
        public string? TeamName { get; init; }
        public Guid HeldBy { get; init; }
        public string HeldByName { get; set; } = "";
        public Guid MetPersonId { get; init; }
        public string MetName { get; set; } = "";
        public DateTimeOffset MetAt { get; init; }
        public Guid? RecordedBy { get; init; }
        public string? FollowUpOnText { get; init; }
        public DateOnly? FollowUpOn => FollowUpOnText is null ? null : DateOnly.ParseExact(FollowUpOnText, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        /// <summary>May read the notes, and edit or delete the one-to-one.</summary>
        public bool CanSeeNotes { get; set; }

        // The notes: null unless CanSeeNotes.
        public string? Place { get; set; }
        public string? Story { get; set; }
        public string? SelfInterest { get; set; }
        public string? Talents { get; set; }
        public string? Leads { get; set; }
        public string? NextAsk { get; set; }
    }

    private const string Sql = """
        SELECT o.id AS Id, o.team_id AS TeamId, t.name AS TeamName, o.held_by AS HeldBy, o.met_person_id AS MetPersonId, o.met_at AS MetAt,
               o.recorded_by AS RecordedBy, o.follow_up_on AS FollowUpOnText, o.created_at AS CreatedAt, o.updated_at AS UpdatedAt,
               o.place AS Place, o.story AS Story, o.self_interest AS SelfInterest, o.talents AS Talents, o.leads AS Leads, o.next_ask AS NextAsk
        FROM teams_one_to_one o LEFT JOIN teams_team t ON t.id = o.team_id
        WHERE o.id = @id
        """;

    internal sealed class Handler(DbSession session, TeamScope scope, ISender sender) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            var access = await OneToOneAccess.ForAsync(scope, ct);
            if (access.IsObserver) return null;
            var connection = await session.ConnectionAsync(ct);
            var details = await connection.QuerySingleOrDefaultAsync<Details>(new CommandDefinition(Sql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
            if (details is null || !access.Sees(details.TeamId, details.HeldBy, details.RecordedBy)) return null;

            details.CanSeeNotes = access.MaySeeNotes(details.TeamId, details.HeldBy, details.RecordedBy);
            if (!details.CanSeeNotes)
            {
                details.Place = details.Story = details.SelfInterest = details.Talents = details.Leads = details.NextAsk = null;
            }
            var names = (await sender.Send(new GetPeopleByIds([details.HeldBy, details.MetPersonId]), ct)).ToDictionary(p => p.Id, p => p.DisplayName);
            details.HeldByName = names.GetValueOrDefault(details.HeldBy, "(unknown person)");
            details.MetName = names.GetValueOrDefault(details.MetPersonId, "(unknown person)");
            return details;
        }
    }
}
