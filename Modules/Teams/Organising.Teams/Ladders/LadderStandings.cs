using System.Security.Cryptography;
using System.Text;
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
internal sealed class LadderStandings(DbSession session, ReadCache cache)
{
    public const string Clinician = "clinician";
    public const string Community = "community";

    public static string DescribeTrack(string track) => track == Clinician ? "Clinicians" : "Community members";

    private const string RungsSql = """
        SELECT id AS Id, track AS Track, position AS Position, name AS Name, rule AS Rule, activity AS Activity, threshold AS Threshold
        FROM teams_ladder_rung ORDER BY track, position
        """;

    private const string CoreModulesSql = "SELECT COUNT(*) FROM teams_curriculum_module WHERE is_core = 1 AND archived_at IS NULL";

    // Everything a standing rests on, for a batch of people, in one round trip:
    //   clinician: a clinical lead in any team climbs the clinicians' ladder (everyone else the community members'),
    //              so the team page, the ladders page and a person's ladder agree whatever teams the viewer sees;
    //   core: current core curriculum modules completed; held: one-to-ones held; activity: reported activities by kind.
    private const string EvidenceSql = """
        SELECT person_id AS PersonId, 'clinician' AS Kind, CAST(NULL AS TEXT) AS Activity, COUNT(*) AS Count
        FROM teams_member WHERE role = 'clinical-lead' AND person_id IN (SELECT value FROM json_each(@people)) GROUP BY person_id
        UNION ALL
        SELECT c.person_id, 'core', NULL, COUNT(*)
        FROM teams_completion c JOIN teams_curriculum_module m ON m.id = c.module_id
        WHERE m.is_core = 1 AND m.archived_at IS NULL AND c.person_id IN (SELECT value FROM json_each(@people)) GROUP BY c.person_id
        UNION ALL
        SELECT held_by, 'held', NULL, COUNT(*) FROM teams_one_to_one WHERE held_by IN (SELECT value FROM json_each(@people)) GROUP BY held_by
        UNION ALL
        SELECT person_id, 'activity', activity, COUNT(*) FROM teams_activity WHERE person_id IN (SELECT value FROM json_each(@people)) GROUP BY person_id, activity
        """;

    /// <summary>The rungs and how many core modules there are: data that changes rarely, kept until the next write.</summary>
    private ValueTask<Definition> DefinitionAsync(CancellationToken ct) =>
        cache.GetOrLoadAsync(session, "teams.ladders.definition", async () =>
        {
            var connection = await session.ConnectionAsync(ct);
            var rungs = (await connection.QueryAsync<LadderRung>(new CommandDefinition(RungsSql, transaction: session.Transaction, cancellationToken: ct))).AsList();
            var core = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CoreModulesSql, transaction: session.Transaction, cancellationToken: ct));
            return new Definition(rungs, core);
        });

    public async ValueTask<IReadOnlyList<LadderRung>> RungsAsync(CancellationToken ct) => (await DefinitionAsync(ct)).Rungs;

    /// <summary>Each person's standing on their ladder, by person.</summary>
    public async ValueTask<IReadOnlyDictionary<Guid, LadderStanding>> ForAsync(IReadOnlyCollection<Guid> personIds, CancellationToken ct)
    {
        if (personIds.Count == 0) return new Dictionary<Guid, LadderStanding>();
        var definition = await DefinitionAsync(ct);
        var connection = await session.ConnectionAsync(ct);
        // A team page asks for the same people on every view: their evidence is kept until the next write.
        var people = SqlText.IdList(personIds.Order());
        var evidence = (await cache.GetOrLoadAsync(session, "teams.ladders.evidence|" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(people))), async () =>
            (IReadOnlyList<Tally>)(await connection.QueryAsync<Tally>(new CommandDefinition(EvidenceSql, new { people }, session.Transaction, cancellationToken: ct))).AsList()))
            .ToLookup(t => t.PersonId);

        return personIds.Distinct().Select(personId =>
        {
            var tallies = evidence[personId].ToList();
            var track = tallies.Any(t => t.Kind == "clinician") ? Clinician : Community;
            var facts = new Evidence(
                CoreTrainingDone: definition.CoreModules > 0 && tallies.Where(t => t.Kind == "core").Sum(t => t.Count) >= definition.CoreModules,
                OneToOnesHeld: tallies.Where(t => t.Kind == "held").Sum(t => t.Count),
                Activities: tallies.Where(t => t.Kind == "activity").ToDictionary(t => t.Activity ?? "", t => t.Count));
            var rungs = definition.Rungs.Where(r => r.Track == track).ToList();
            var reached = rungs.Where(facts.Satisfies).Select(r => r.Position).ToHashSet();
            var current = rungs.TakeWhile(r => reached.Contains(r.Position)).LastOrDefault();
            return new LadderStanding(personId, track, current, rungs.Select(r => new RungProgress(r, reached.Contains(r.Position), facts.Describe(r))).ToList());
        }).ToDictionary(s => s.PersonId);
    }

    private sealed record Definition(IReadOnlyList<LadderRung> Rungs, long CoreModules);

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
        public string Kind { get; init; } = "";
        public string? Activity { get; init; }
        public long Count { get; init; }
    }
}
