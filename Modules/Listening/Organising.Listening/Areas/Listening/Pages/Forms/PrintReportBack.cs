using Dapper;
using Mediator;
using Organising.Listening.Events;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Settings;

namespace Organising.Listening.Areas.Listening.Pages.Forms;

/// <summary>
/// The report-back form PDF for a campaign the user records in, blank or prefilled from an event they may see. A story's
/// words are read only when its consent is 'public', so nothing else can reach the paper.
/// </summary>
public static class PrintReportBack
{
    /// <summary>Null when the campaign (or the event, in that campaign) does not exist or the user may not use it.</summary>
    public sealed record Query(Guid CampaignId, Guid? EventId) : IQuery<Result?>;

    public sealed record Result(byte[] Pdf, string FileName, int PageCount);

    private sealed class CampaignRow
    {
        public string Name { get; init; } = "";
        public Guid TeamId { get; init; }
    }

    private sealed class EventRow
    {
        public Guid Id { get; init; }
        public string Type { get; init; } = "";
        public DateTimeOffset HeldAt { get; init; }
        public string? Place { get; init; }
        public int Headcount { get; init; }
        public string? Language { get; init; }
        public Guid? RecordedBy { get; init; }
    }

    private sealed class ThemeRow
    {
        public string? Code { get; init; }
        public string Name { get; init; } = "";
        public string? Description { get; init; }
    }

    private sealed class RaisedRow
    {
        public Guid Id { get; init; }
        public string Text { get; init; } = "";
    }

    private sealed class TagRow
    {
        public Guid RaisedId { get; init; }
        public string Name { get; init; } = "";
        public string? Code { get; init; }
    }

    private sealed class StoryRow
    {
        public string Kind { get; init; } = "";
        public string? Text { get; init; }
        public string? TellerLabel { get; init; }
        public string Consent { get; init; } = "";
    }

    private const string CampaignSql = "SELECT name AS Name, team_id AS TeamId FROM listening_campaign WHERE id = @campaign";
    private const string ThemesSql = "SELECT code AS Code, name AS Name, description AS Description FROM listening_theme ORDER BY lower(name), id";
    private const string EventSql = """
        SELECT id AS Id, type AS Type, held_at AS HeldAt, place AS Place, headcount AS Headcount, language AS Language, recorded_by AS RecordedBy
        FROM listening_event WHERE id = @eventId AND campaign_id = @campaign
        """;
    private const string FacilitatorsSql = $"SELECT person_id FROM listening_event_person WHERE event_id = @eventId AND role = '{EventRoles.Facilitator}'";
    private const string RaisedSql = "SELECT id AS Id, text AS Text FROM listening_raised WHERE event_id = @eventId ORDER BY position, id";
    private const string TagsSql = """
        SELECT rt.raised_id AS RaisedId, t.name AS Name, t.code AS Code
        FROM listening_raised_theme rt JOIN listening_raised r ON r.id = rt.raised_id JOIN listening_theme t ON t.id = rt.theme_id
        WHERE r.event_id = @eventId
        """;
    // The consent rule, in the query: a story's words leave the database only when it may be printed.
    private const string StoriesSql = $"""
        SELECT kind AS Kind, CASE WHEN consent = '{StoryConsents.Public}' THEN text ELSE NULL END AS Text,
               CASE WHEN consent = '{StoryConsents.Public}' THEN teller_label ELSE NULL END AS TellerLabel, consent AS Consent
        FROM listening_story WHERE event_id = @eventId ORDER BY position, id
        """;

    internal sealed class Handler(DbSession session, ListeningScope scope, OrganisationTime time, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Sql(string sql) => new(sql, new { campaign = query.CampaignId, eventId = query.EventId }, session.Transaction, cancellationToken: ct);
            var campaign = await connection.QuerySingleOrDefaultAsync<CampaignRow>(Sql(CampaignSql));
            if (campaign is null || !await scope.RecordsInAsync(campaign.TeamId, ct)) return null;

            ReportBackForm.EventDetails? details = null;
            var date = "";
            if (query.EventId is not null)
            {
                var e = await connection.QuerySingleOrDefaultAsync<EventRow>(Sql(EventSql));
                if (e is null || !await scope.SeesEventAsync(campaign.TeamId, e.RecordedBy, ct)) return null;
                var facilitatorIds = (await connection.QueryAsync<Guid>(Sql(FacilitatorsSql))).ToList();
                var facilitators = facilitatorIds.Count == 0 ? []
                    : (await sender.Send(new GetPeopleByIds(facilitatorIds), ct)).Select(p => p.DisplayName).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
                var tags = (await connection.QueryAsync<TagRow>(Sql(TagsSql))).ToLookup(t => t.RaisedId, t => ThemeCodes.CodeFor(t.Name, t.Code));
                var issues = (await connection.QueryAsync<RaisedRow>(Sql(RaisedSql)))
                    .Select(r => new ReportBackForm.Issue(r.Text, tags[r.Id].Order(StringComparer.CurrentCultureIgnoreCase).ToList())).ToList();
                var stories = (await connection.QueryAsync<StoryRow>(Sql(StoriesSql)))
                    .Select(s => new ReportBackForm.Story(s.Kind, s.Consent == StoryConsents.Public ? s.Text : null, s.Consent == StoryConsents.Public ? s.TellerLabel : null, s.Consent)).ToList();
                date = await time.FormatAsync(e.HeldAt, "ddd d MMM yyyy, HH:mm");
                details = new ReportBackForm.EventDetails(e.Type, date, e.Place, facilitators, e.Language, e.Headcount, issues, stories);
            }
            var themes = (await connection.QueryAsync<ThemeRow>(Sql(ThemesSql))).Select(t => new ReportBackForm.Theme(ThemeCodes.CodeFor(t.Name, t.Code), t.Name, t.Description)).ToList();
            var (pdf, pages) = ReportBackForm.Build(campaign.Name, themes, details);
            var stem = new string(campaign.Name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
            return new Result(pdf, $"report-back-{stem}{(details is null ? "" : "-" + query.EventId!.Value.ToString()[..8])}.pdf", pages);
        }
    }
}
