using Dapper;
using Organising.Platform.Data;
using Organising.Teams.Contracts;

namespace Organising.Teams.Ladders;

/// <summary>
/// Where people stand on the leadership ladders, computed from what is recorded: core training completed, one-to-ones
/// held, and activities other modules reported (<c>teams_activity</c>). Nobody types a rung in. A person's rung is the
/// highest one they reached with every rung below it reached too; rungs reached out of order still show as reached.
/// The team page, the ladders page and a person's ladder all use this one computation.
/// </summary>
internal sealed class LadderStandings(DbSession session)
{
    public const string Clinician = "clinician";
    public const string Community = "community";

    // A clinical lead in any team climbs the clinicians' ladder; everyone else the community members'. Every page asks
    // here, so the team page, the ladders page and a person's ladder agree whatever teams the viewer can see.
    private const string CliniciansSql = """
        SELECT DISTINCT person_id FROM teams_member WHERE role = 'clinical-lead' AND person_id IN (SELECT value FROM json_each(@people))
        """;

    public static string DescribeTrack(string track) => track == Clinician ? "Clinicians" : "Community members";

    private const string RungsSql = """
        SELECT id AS Id, track AS Track, position AS Position, name AS Name, rule AS Rule, activity AS Activity, threshold AS Threshold
        FROM teams_ladder_rung ORDER BY track, position
        """;

    private const string CoreModulesSql = "SELECT COUNT(*) FROM teams_curriculum_module WHERE is_core = 1 AND archived_at IS NULL";

    private const string CoreCompletedSql = """
        SELECT c.person_id AS PersonId, COUNT(*) AS Count
        FROM teams_completion c JOIN teams_curriculum_module m ON m.id = c.module_id
        WHERE m.is_core = 1 AND m.archived_at IS NULL AND c.person_id IN (SELECT value FROM json_each(@people))
        GROUP BY c.person_id
        """;

    private const string OneToOnesSql = """
        SELECT held_by AS PersonId, COUNT(*) AS Count FROM teams_one_to_one
        WHERE held_by IN (SELECT value FROM json_each(@people)) GROUP BY held_by
        """;

    private const string ActivitiesSql = """
        SELECT person_id AS PersonId, activity AS Activity, COUNT(*) AS Count FROM teams_activity
        WHERE person_id IN (SELECT value FROM json_each(@people)) GROUP BY person_id, activity
        """;

    public async ValueTask<IReadOnlyList<LadderRung>> RungsAsync(CancellationToken ct)
    {
        var connection = await session.ConnectionAsync(ct);
        return (await connection.QueryAsync<LadderRung>(new CommandDefinition(RungsSql, transaction: session.Transaction, cancellationToken: ct))).AsList();
    }

    /// <summary>Each person's standing on their ladder, by person.</summary>
    public async ValueTask<IReadOnlyDictionary<Guid, LadderStanding>> ForAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0) return new Dictionary<Guid, LadderStanding>();
        var connection = await session.ConnectionAsync(ct);
        CommandDefinition Q(string sql) => new(sql, new { people = SqlText.IdList(personIds) }, session.Transaction, cancellationToken: ct);

        var clinicians = (await connection.QueryAsync<Guid>(Q(CliniciansSql))).ToHashSet();
        var people = personIds.Distinct().Select(id => (PersonId: id, Track: clinicians.Contains(id) ? Clinician : Community)).ToList();

        var rungs = await RungsAsync(ct);
        var coreModules = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CoreModulesSql, transaction: session.Transaction, cancellationToken: ct));
        var core = (await connection.QueryAsync<Tally>(Q(CoreCompletedSql))).ToDictionary(t => t.PersonId, t => t.Count);
        var held = (await connection.QueryAsync<Tally>(Q(OneToOnesSql))).ToDictionary(t => t.PersonId, t => t.Count);
        var activities = (await connection.QueryAsync<Tally>(Q(ActivitiesSql))).ToLookup(t => t.PersonId);

        return people.Select(p =>
        {
            var evidence = new Evidence(
                CoreTrainingDone: coreModules > 0 && core.GetValueOrDefault(p.PersonId) >= coreModules,
                OneToOnesHeld: held.GetValueOrDefault(p.PersonId),
                Activities: activities[p.PersonId].ToDictionary(a => a.Activity ?? "", a => a.Count));
            var track = rungs.Where(r => r.Track == p.Track).ToList();
            var reached = track.Where(evidence.Satisfies).Select(r => r.Position).ToHashSet();
            var current = track.TakeWhile(r => reached.Contains(r.Position)).LastOrDefault();
            return new LadderStanding(p.PersonId, p.Track, current, track.Select(r => new RungProgress(r, reached.Contains(r.Position), evidence.Describe(r))).ToList());
        }).ToDictionary(s => s.PersonId);
    }

    private sealed record Evidence(bool CoreTrainingDone, long OneToOnesHeld, IReadOnlyDictionary<string, long> Activities)
    {
        public bool Satisfies(LadderRung rung) => rung.Rule switch
        {
            "training" => CoreTrainingDone,
            "one-to-ones" => OneToOnesHeld >= rung.Threshold,
            "activity" => Activities.GetValueOrDefault(rung.Activity ?? "") >= rung.Threshold,
            _ => false,
        };

        public string Describe(LadderRung rung) => rung.Rule switch
        {
            "training" => CoreTrainingDone ? "core training completed" : "core training not yet completed",
            "one-to-ones" => $"{Math.Min(OneToOnesHeld, rung.Threshold)} of {rung.Threshold} one-to-ones",
            "activity" => $"{Math.Min(Activities.GetValueOrDefault(rung.Activity ?? ""), rung.Threshold)} of {rung.Threshold}",
            _ => "",
        };
    }

    private sealed class Tally
    {
        public Guid PersonId { get; init; }
        public string? Activity { get; init; }
        public long Count { get; init; }
    }
}
