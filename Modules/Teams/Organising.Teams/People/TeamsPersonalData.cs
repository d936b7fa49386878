using Dapper;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Teams.People;

/// <summary>
/// Everything this module holds about one person, for a subject-access export: teams, pipeline stages, one-to-ones
/// they were met in (with the notes about them), one-to-ones they held (when and where only: the notes are about
/// others), training and what the ladders count.
/// </summary>
internal sealed class TeamsPersonalData(DbSession session) : IPersonalDataSource
{
    private const string MembershipsSql = """
        SELECT t.name AS Team, m.role AS Role, m.leads AS Leads, m.joined_at AS JoinedAt
        FROM teams_member m JOIN teams_team t ON t.id = m.team_id WHERE m.person_id = @personId ORDER BY t.name
        """;

    private const string StagesSql = """
        SELECT t.name AS Team, s.stage AS Stage, s.entered_at AS EnteredAt, s.note AS Note
        FROM teams_recruit r JOIN teams_team t ON t.id = r.team_id JOIN teams_recruit_stage s ON s.recruit_id = r.id
        WHERE r.person_id = @personId ORDER BY t.name, s.entered_at
        """;

    private const string MetSql = """
        SELECT met_at AS MetAt, place AS Place, story AS Story, self_interest AS SelfInterest, talents AS Talents, leads AS Leads,
               next_ask AS NextAsk, follow_up_on AS FollowUpOn
        FROM teams_one_to_one WHERE met_person_id = @personId ORDER BY met_at
        """;

    private const string HeldSql = "SELECT met_at AS MetAt, place AS Place FROM teams_one_to_one WHERE held_by = @personId ORDER BY met_at";

    private const string EnrolmentsSql = """
        SELECT c.name AS Module, s.starts_at AS StartsAt, e.status AS Status, e.attended AS Attended
        FROM teams_enrolment e JOIN teams_session s ON s.id = e.session_id JOIN teams_curriculum_module c ON c.id = s.module_id
        WHERE e.person_id = @personId ORDER BY s.starts_at
        """;

    private const string CompletionsSql = """
        SELECT c.name AS Module, x.completed_at AS CompletedAt
        FROM teams_completion x JOIN teams_curriculum_module c ON c.id = x.module_id WHERE x.person_id = @personId ORDER BY x.completed_at
        """;

    private const string ActivitiesSql = "SELECT activity AS Activity, occurred_at AS OccurredAt FROM teams_activity WHERE person_id = @personId ORDER BY occurred_at";

    public async ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        CommandDefinition Q(string sql) => new(sql, new { personId }, session.Transaction, cancellationToken: ct);
        static KeyValuePair<string, string?> F(string label, object? value) =>
            new(label, value switch { null => null, DateTimeOffset d => DapperTypeHandlers.ToDbText(d), _ => value.ToString() });

        var records = new List<PersonalDataRecord>();
        foreach (var m in await connection.QueryAsync<Membership>(Q(MembershipsSql)))
            records.Add(new("Team membership", [F("Team", m.Team), F("Team role", m.Role), F("Leads the team", m.Leads == 1 ? "yes" : "no"), F("Joined", m.JoinedAt)]));
        foreach (var s in await connection.QueryAsync<StageRow>(Q(StagesSql)))
            records.Add(new("Recruitment stage", [F("Team", s.Team), F("Stage", s.Stage), F("Since", s.EnteredAt), F("Note", s.Note)]));
        foreach (var o in await connection.QueryAsync<MetIn>(Q(MetSql)))
            records.Add(new("One-to-one with you", [F("When", o.MetAt), F("Where", o.Place), F("Story", o.Story), F("Self-interest", o.SelfInterest),
                F("Talents", o.Talents), F("Leads", o.Leads), F("Next ask", o.NextAsk), F("Follow-up date", o.FollowUpOn)]));
        foreach (var o in await connection.QueryAsync<MetIn>(Q(HeldSql)))
            records.Add(new("One-to-one you held", [F("When", o.MetAt), F("Where", o.Place)]));
        foreach (var e in await connection.QueryAsync<Enrolment>(Q(EnrolmentsSql)))
            records.Add(new("Training enrolment", [F("Module", e.Module), F("Session starts", e.StartsAt), F("Status", e.Status),
                F("Attended", e.Attended switch { 1 => "yes", 0 => "no", _ => "not marked" })]));
        foreach (var c in await connection.QueryAsync<Completion>(Q(CompletionsSql)))
            records.Add(new("Training completed", [F("Module", c.Module), F("Completed", c.CompletedAt)]));
        foreach (var a in await connection.QueryAsync<ActivityRow>(Q(ActivitiesSql)))
            records.Add(new("Leadership activity", [F("Activity", a.Activity), F("When", a.OccurredAt)]));

        return records.Count == 0 ? null : new PersonalDataSection("teams", "Teams: memberships, one-to-ones and training", records);
    }

    private sealed class Membership { public string Team { get; init; } = ""; public string Role { get; init; } = ""; public long Leads { get; init; } public DateTimeOffset JoinedAt { get; init; } }
    private sealed class StageRow { public string Team { get; init; } = ""; public string Stage { get; init; } = ""; public DateTimeOffset EnteredAt { get; init; } public string? Note { get; init; } }
    private sealed class MetIn
    {
        public DateTimeOffset MetAt { get; init; }
        public string? Place { get; init; }
        public string? Story { get; init; }
        public string? SelfInterest { get; init; }
        public string? Talents { get; init; }
        public string? Leads { get; init; }
        public string? NextAsk { get; init; }
        public string? FollowUpOn { get; init; }
    }
    private sealed class Enrolment { public string Module { get; init; } = ""; public DateTimeOffset StartsAt { get; init; } public string Status { get; init; } = ""; public long? Attended { get; init; } }
    private sealed class Completion { public string Module { get; init; } = ""; public DateTimeOffset CompletedAt { get; init; } }
    private sealed class ActivityRow { public string Activity { get; init; } = ""; public DateTimeOffset OccurredAt { get; init; } }
}
