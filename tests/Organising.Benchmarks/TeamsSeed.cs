using Microsoft.Data.Sqlite;

namespace Organising.Benchmarks;

/// <summary>
/// Teams at the scale of the Teams issue's benchmark (default 200 teams, 20,000 one-to-ones, 1,000 training sessions),
/// over the people and networks seed-networks made: 12 members and 30 recruits a team, 15 enrolled a session.
/// </summary>
internal static class TeamsSeed
{
    private static readonly string[] Statuses = ["active", "active", "active", "forming", "paused", "closed"];
    private static readonly string[] Roles = ["clinical-lead", "community-champion", "organiser", "volunteer", "volunteer", "volunteer"];
    private static readonly string[] Stages = ["prospect", "contacted", "one-to-one", "trained", "active", "leader"];
    private static readonly string[] Activities = ["hosted-house-meeting", "gave-testimony", "chaired-meeting", "joined-research-action"];

    public static int Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var teams = Seeding.IntArg(args, 1, 200);
        var oneToOnes = Seeding.IntArg(args, 2, 20_000);
        var sessions = Seeding.IntArg(args, 3, 1_000);
        using var connection = Seeding.Open(args[0]);
        if (connection is null) return 1;

        var people = Seeding.Column(connection, "SELECT id FROM networks_person WHERE erased_at IS NULL ORDER BY id");
        var networks = Seeding.Column(connection, "SELECT id FROM networks_network ORDER BY id");
        var modules = Seeding.Column(connection, "SELECT id FROM teams_curriculum_module ORDER BY position");
        if (people.Count < 1000 || networks.Count == 0)
        {
            Console.Error.WriteLine("Run seed-networks first: teams are made of its people and networks.");
            return 1;
        }

        var random = new Random(11);
        var now = DateTimeOffset.UtcNow;
        string At(double days) => Seeding.Instant(now.AddDays(days));
        string Person() => people[random.Next(people.Count)];
        IEnumerable<string> Sample(int n)
        {
            var chosen = new HashSet<string>();
            while (chosen.Count < n) chosen.Add(Person());
            return chosen;
        }
        using var transaction = connection.BeginTransaction();

        var teamIds = Seeding.Insert(connection, transaction, teams, """
            INSERT INTO teams_team (id, name, purpose, network_id, status, created_at, updated_at)
            VALUES ($id, $name, 'Generated for benchmarks: organising for better health in our area.', $network, $status, $now, $now)
            """, (command, i) =>
        {
            command.Parameters["$name"].Value = $"Bench team {i:D3}";
            command.Parameters["$network"].Value = networks[i % networks.Count];
            command.Parameters["$status"].Value = Statuses[i % Statuses.Length];
            command.Parameters["$now"].Value = At(-400);
        }, "$name", "$network", "$status", "$now");

        var members = new List<(string Team, string Person)>();
        foreach (var team in teamIds)
            foreach (var person in Sample(12))
                members.Add((team, person));
        Seeding.Insert(connection, transaction, members.Count, """
            INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES ($team, $person, $role, $leads, $now)
            """, (command, i) =>
        {
            command.Parameters["$team"].Value = members[i].Team;
            command.Parameters["$person"].Value = members[i].Person;
            command.Parameters["$role"].Value = Roles[i % 12 % Roles.Length];
            command.Parameters["$leads"].Value = i % 12 < 2 ? "1" : "0";
            command.Parameters["$now"].Value = At(-300 + i % 200);
        }, "$team", "$person", "$role", "$leads", "$now");

        var recruits = teamIds.SelectMany(team => Sample(30).Select(person => (Team: team, Person: person))).ToList();
        var recruitStages = recruits.Select(_ => random.Next(Stages.Length)).ToList();
        var recruitIds = Seeding.Insert(connection, transaction, recruits.Count, """
            INSERT INTO teams_recruit (id, team_id, person_id, stage, stage_since, created_at) VALUES ($id, $team, $person, $stage, $since, $now)
            """, (command, i) =>
        {
            command.Parameters["$team"].Value = recruits[i].Team;
            command.Parameters["$person"].Value = recruits[i].Person;
            command.Parameters["$stage"].Value = Stages[recruitStages[i]];
            command.Parameters["$since"].Value = At(-recruitStages[i] * 10);
            command.Parameters["$now"].Value = At(-200);
        }, "$team", "$person", "$stage", "$since", "$now");
        var history = recruitIds.SelectMany((id, i) => Enumerable.Range(0, recruitStages[i] + 1).Select(stage => (Recruit: id, Stage: stage))).ToList();
        Seeding.Insert(connection, transaction, history.Count, """
            INSERT INTO teams_recruit_stage (id, recruit_id, stage, entered_at) VALUES ($id, $recruit, $stage, $at)
            """, (command, i) =>
        {
            command.Parameters["$recruit"].Value = history[i].Recruit;
            command.Parameters["$stage"].Value = Stages[history[i].Stage];
            command.Parameters["$at"].Value = At(-200 + history[i].Stage * 10);
        }, "$recruit", "$stage", "$at");

        Seeding.Insert(connection, transaction, oneToOnes, """
            INSERT INTO teams_one_to_one (id, team_id, held_by, met_person_id, met_at, place, story, self_interest, talents, leads, next_ask, follow_up_on, created_at, updated_at)
            VALUES ($id, $team, $heldBy, $met, $at, 'Community centre', $story, 'Wants the clinic open on Saturdays', 'Speaks Somali and English', 'Her neighbour Hodan',
                    'Come to the house meeting', $followUp, $at, $at)
            """, (command, i) =>
        {
            var member = members[random.Next(members.Count)];
            command.Parameters["$team"].Value = member.Team;
            command.Parameters["$heldBy"].Value = member.Person;
            command.Parameters["$met"].Value = Person();
            command.Parameters["$at"].Value = At(-random.Next(1, 365));
            command.Parameters["$story"].Value = $"Story {i}: the walk to the surgery, the waiting times and what would make a difference for her family.";
            command.Parameters["$followUp"].Value = i % 4 == 0 ? now.AddDays(random.Next(1, 60)).ToString("yyyy-MM-dd") : DBNull.Value;
        }, "$team", "$heldBy", "$met", "$at", "$story", "$followUp");

        var sessionStarts = Enumerable.Range(0, sessions).Select(i => i % 5 < 3 ? -random.Next(1, 365) : random.Next(1, 120)).ToList();
        var sessionIds = Seeding.Insert(connection, transaction, sessions, """
            INSERT INTO teams_session (id, module_id, team_id, starts_at, ends_at, place, trainer, capacity, status, created_at, updated_at)
            VALUES ($id, $module, $team, $starts, $ends, 'Community centre, Room 2', 'Bench Trainer', 20, 'scheduled', $now, $now)
            """, (command, i) =>
        {
            command.Parameters["$module"].Value = modules[i % modules.Count];
            command.Parameters["$team"].Value = teamIds[i % teamIds.Count];
            command.Parameters["$starts"].Value = At(sessionStarts[i] + 0.75);
            command.Parameters["$ends"].Value = At(sessionStarts[i] + 0.85);
            command.Parameters["$now"].Value = At(-400);
        }, "$module", "$team", "$starts", "$ends", "$now");

        var enrolments = sessionIds.SelectMany((session, i) => members.Where(m => m.Team == teamIds[i % teamIds.Count]).Select(m => m.Person)
            .Concat(Sample(3)).Distinct().Select(person => (Session: session, Person: person, Past: sessionStarts[i] < 0))).ToList();
        Seeding.Insert(connection, transaction, enrolments.Count, """
            INSERT INTO teams_enrolment (session_id, person_id, status, enrolled_at, attended, marked_at) VALUES ($session, $person, 'enrolled', $now, $attended, $marked)
            """, (command, i) =>
        {
            command.Parameters["$session"].Value = enrolments[i].Session;
            command.Parameters["$person"].Value = enrolments[i].Person;
            command.Parameters["$now"].Value = At(-400);
            command.Parameters["$attended"].Value = enrolments[i].Past ? (i % 5 == 0 ? "0" : "1") : DBNull.Value;
            command.Parameters["$marked"].Value = enrolments[i].Past ? At(-1) : DBNull.Value;
        }, "$session", "$person", "$now", "$attended", "$marked");

        using (var completions = connection.CreateCommand())
        {
            completions.Transaction = transaction;
            completions.CommandText = """
                INSERT INTO teams_completion (person_id, module_id, completed_at, session_id)
                SELECT e.person_id, s.module_id, MIN(s.starts_at), MIN(s.id) FROM teams_enrolment e JOIN teams_session s ON s.id = e.session_id
                WHERE e.attended = 1 GROUP BY e.person_id, s.module_id
                """;
            completions.ExecuteNonQuery();
        }

        Seeding.Insert(connection, transaction, 3000, """
            INSERT INTO teams_activity (source_key, person_id, activity, occurred_at) VALUES ($id, $person, $activity, $at)
            """, (command, i) =>
        {
            command.Parameters["$person"].Value = members[random.Next(members.Count)].Person;
            command.Parameters["$activity"].Value = Activities[i % Activities.Length];
            command.Parameters["$at"].Value = At(-random.Next(1, 365));
        }, "$person", "$activity", "$at");

        transaction.Commit();
        Console.WriteLine($"Seeded {teams} teams ({members.Count} members, {recruits.Count} recruits), {oneToOnes} one-to-ones, {sessions} sessions ({enrolments.Count} enrolments)");
        return 0;
    }
}
