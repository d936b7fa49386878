using Microsoft.Data.Sqlite;

namespace Organising.Benchmarks;

/// <summary>
/// Listening at the scale of the Listening issue's benchmark (default 20 campaigns, 50,000 events, 250,000 issues
/// raised, 30,000 stories), run by the teams seed-teams made: each issue raised carries one or two themes, a third of
/// the stories stand behind an issue, and each campaign has five candidate issues, two of them on the people's agenda.
/// </summary>
internal static class ListeningSeed
{
    private static readonly string[] EventTypes = ["house-meeting", "house-meeting", "one-to-one", "street-stall", "department-session", "other"];
    private static readonly string[] Consents = ["public", "alliance", "none"];
    private static readonly string[] Kinds = ["story", "story", "testimony", "quote"];
    private static readonly string[] Criteria = ["specific", "winnable", "widely-felt", "deeply-felt", "clear-target", "timeframe", "builds-leadership"];
    private static readonly string[] Problems =
    [
        "Waiting weeks for a GP appointment", "No interpreter at the antenatal clinic", "Damp in the flats makes the children's asthma worse",
        "Nobody explains the diabetes letters", "The bus to the hospital stopped running", "Mental health referrals take months",
        "Cannot afford fresh food at the corner shop", "Felt judged at the front desk", "Lonely since the day centre closed",
    ];

    public static int Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var campaigns = Seeding.IntArg(args, 1, 20);
        var events = Seeding.IntArg(args, 2, 50_000);
        var raised = Seeding.IntArg(args, 3, 250_000);
        var stories = Seeding.IntArg(args, 4, 30_000);
        using var connection = Seeding.Open(args[0]);
        if (connection is null) return 1;

        var teams = Seeding.Column(connection, "SELECT id FROM teams_team ORDER BY name");
        var networks = Seeding.Column(connection, "SELECT id FROM networks_network ORDER BY id");
        var people = Seeding.Column(connection, "SELECT id FROM networks_person WHERE erased_at IS NULL ORDER BY id");
        var themes = Seeding.Column(connection, "SELECT id FROM listening_theme ORDER BY name");
        if (teams.Count == 0 || networks.Count == 0 || themes.Count == 0)
        {
            Console.Error.WriteLine("Run seed-networks and seed-teams first, on an install the app has migrated: campaigns are run by teams.");
            return 1;
        }

        var random = new Random(17);
        var now = DateTimeOffset.UtcNow;
        string At(double days) => Seeding.Instant(now.AddDays(days));
        string Day(int days) => now.AddDays(days).ToString("yyyy-MM-dd");
        using var transaction = connection.BeginTransaction();

        // Campaigns of teams with members, so a benchmark user who leads one sees it; two networks each.
        var campaignIds = Seeding.Insert(connection, transaction, campaigns, """
            INSERT INTO listening_campaign (id, name, purpose, team_id, starts_on, ends_on, target_conversations, status, created_at, updated_at)
            VALUES ($id, $name, 'Generated for benchmarks: hearing what matters for health.', $team, $starts, $ends, $target, 'active', $now, $now)
            """, (command, i) =>
        {
            command.Parameters["$name"].Value = $"Bench listening {i:D2}";
            command.Parameters["$team"].Value = teams[i % teams.Count];
            command.Parameters["$starts"].Value = Day(-365);
            command.Parameters["$ends"].Value = Day(90);
            command.Parameters["$target"].Value = (events / campaigns + 500).ToString();
            command.Parameters["$now"].Value = At(-366);
        }, "$name", "$team", "$starts", "$ends", "$target", "$now");
        var campaignNetworks = campaignIds.SelectMany((c, i) => new[] { (Campaign: c, Network: networks[i % networks.Count]), (Campaign: c, Network: networks[(i + 1) % networks.Count]) })
            .Distinct().ToList();
        Seeding.Insert(connection, transaction, campaignNetworks.Count, "INSERT INTO listening_campaign_network (campaign_id, network_id) VALUES ($campaign, $network)",
            (command, i) =>
            {
                command.Parameters["$campaign"].Value = campaignNetworks[i].Campaign;
                command.Parameters["$network"].Value = campaignNetworks[i].Network;
            }, "$campaign", "$network");

        var eventCampaign = new int[events];
        var eventIds = Seeding.Insert(connection, transaction, events, """
            INSERT INTO listening_event (id, campaign_id, network_id, type, held_at, place, headcount, language, host_person_id, created_at, updated_at)
            VALUES ($id, $campaign, $network, $type, $at, 'Community centre', $headcount, 'English', $host, $at, $at)
            """, (command, i) =>
        {
            var campaign = eventCampaign[i] = i % campaigns;
            var type = EventTypes[i % EventTypes.Length];
            command.Parameters["$campaign"].Value = campaignIds[campaign];
            command.Parameters["$network"].Value = networks[(campaign + i % 2) % networks.Count];
            command.Parameters["$type"].Value = type;
            command.Parameters["$at"].Value = At(-random.Next(1, 360) - random.NextDouble());
            command.Parameters["$headcount"].Value = (type == "one-to-one" ? 2 : random.Next(4, 16)).ToString();
            command.Parameters["$host"].Value = type == "house-meeting" ? people[random.Next(people.Count)] : DBNull.Value;
        }, "$campaign", "$network", "$type", "$at", "$headcount", "$host");

        var raisedEvent = new int[raised];
        var raisedIds = Seeding.Insert(connection, transaction, raised, """
            INSERT INTO listening_raised (id, event_id, campaign_id, position, text, created_at) VALUES ($id, $event, $campaign, $position, $text, $now)
            """, (command, i) =>
        {
            var e = raisedEvent[i] = random.Next(events);
            command.Parameters["$event"].Value = eventIds[e];
            command.Parameters["$campaign"].Value = campaignIds[eventCampaign[e]];
            command.Parameters["$position"].Value = (i % 30).ToString();
            command.Parameters["$text"].Value = $"{Problems[i % Problems.Length]} ({i})";
            command.Parameters["$now"].Value = At(-1);
        }, "$event", "$campaign", "$position", "$text", "$now");
        var tags = raisedIds.SelectMany((id, i) =>
        {
            var first = random.Next(themes.Count);
            var chosen = i % 2 == 0 ? new[] { first } : new[] { first, (first + 1 + random.Next(themes.Count - 1)) % themes.Count };
            return chosen.Select(t => (Raised: id, Theme: themes[t], Campaign: campaignIds[eventCampaign[raisedEvent[i]]]));
        }).ToList();
        Seeding.Insert(connection, transaction, tags.Count, "INSERT INTO listening_raised_theme (raised_id, theme_id, campaign_id) VALUES ($raised, $theme, $campaign)",
            (command, i) =>
            {
                command.Parameters["$raised"].Value = tags[i].Raised;
                command.Parameters["$theme"].Value = tags[i].Theme;
                command.Parameters["$campaign"].Value = tags[i].Campaign;
            }, "$raised", "$theme", "$campaign");

        Seeding.Insert(connection, transaction, stories, """
            INSERT INTO listening_story (id, event_id, campaign_id, raised_id, kind, position, text, teller_person_id, teller_label, consent, created_at)
            VALUES ($id, $event, $campaign, $raised, $kind, $position, $text, $teller, 'a resident', $consent, $now)
            """, (command, i) =>
        {
            var r = random.Next(raised);
            var e = raisedEvent[r];
            command.Parameters["$event"].Value = eventIds[e];
            command.Parameters["$campaign"].Value = campaignIds[eventCampaign[e]];
            command.Parameters["$raised"].Value = i % 3 == 0 ? raisedIds[r] : DBNull.Value;
            command.Parameters["$kind"].Value = Kinds[i % Kinds.Length];
            command.Parameters["$position"].Value = (i % 10).ToString();
            command.Parameters["$text"].Value = $"Story {i}: {Problems[r % Problems.Length].ToLowerInvariant()}, and what it meant for the family.";
            command.Parameters["$teller"].Value = i % 4 == 0 ? people[random.Next(people.Count)] : DBNull.Value;
            command.Parameters["$consent"].Value = Consents[i % Consents.Length];
            command.Parameters["$now"].Value = At(-1);
        }, "$event", "$campaign", "$raised", "$kind", "$position", "$text", "$teller", "$consent", "$now");

        // Five candidate issues a campaign, each cut from 40 issues raised in it; the first two are on the people's agenda.
        var raisedByCampaign = Enumerable.Range(0, raised).GroupBy(i => eventCampaign[raisedEvent[i]]).ToDictionary(g => g.Key, g => g.ToList());
        var candidates = campaignIds.SelectMany((c, ci) => Enumerable.Range(0, 5).Select(k => (Campaign: c, Index: ci, K: k))).ToList();
        var candidateIds = Seeding.Insert(connection, transaction, candidates.Count, """
            INSERT INTO listening_candidate (id, campaign_id, title, problem, status, prioritised_at, created_at, updated_at)
            VALUES ($id, $campaign, $title, 'Generated for benchmarks.', $status, $prioritised, $now, $now)
            """, (command, i) =>
        {
            command.Parameters["$campaign"].Value = candidates[i].Campaign;
            command.Parameters["$title"].Value = $"{Problems[i % Problems.Length]}: candidate {i}";
            command.Parameters["$status"].Value = candidates[i].K < 2 ? "prioritised" : "candidate";
            command.Parameters["$prioritised"].Value = candidates[i].K < 2 ? At(-2) : DBNull.Value;
            command.Parameters["$now"].Value = At(-3);
        }, "$campaign", "$title", "$status", "$prioritised", "$now");
        var links = candidateIds.SelectMany((id, i) => raisedByCampaign.GetValueOrDefault(candidates[i].Index, []).Skip(candidates[i].K * 40).Take(40)
            .Select(r => (Candidate: id, Raised: raisedIds[r]))).ToList();
        Seeding.Insert(connection, transaction, links.Count, "INSERT INTO listening_candidate_raised (candidate_id, raised_id) VALUES ($candidate, $raised)",
            (command, i) =>
            {
                command.Parameters["$candidate"].Value = links[i].Candidate;
                command.Parameters["$raised"].Value = links[i].Raised;
            }, "$candidate", "$raised");
        var scores = candidateIds.SelectMany(id => Criteria.Select(c => (Candidate: id, Criterion: c))).ToList();
        Seeding.Insert(connection, transaction, scores.Count, """
            INSERT INTO listening_candidate_score (candidate_id, criterion, score, scored_at) VALUES ($candidate, $criterion, $score, $now)
            """, (command, i) =>
        {
            command.Parameters["$candidate"].Value = scores[i].Candidate;
            command.Parameters["$criterion"].Value = scores[i].Criterion;
            command.Parameters["$score"].Value = (1 + random.Next(5)).ToString();
            command.Parameters["$now"].Value = At(-2);
        }, "$candidate", "$criterion", "$score", "$now");

        transaction.Commit();
        Console.WriteLine($"Seeded {campaigns} listening campaigns, {events} events, {raised} issues raised ({tags.Count} theme tags), {stories} stories, {candidates.Count} candidate issues");
        return 0;
    }
}
