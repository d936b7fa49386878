using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;

namespace Organising.Listening.Tests.Support;

/// <summary>
/// The shared <see cref="PeopleAndTeamsWorld"/> (TeamA led by Leader with Volunteer; TeamB led by OtherLeader with
/// OtherVolunteer) plus a campaign for each team: <see cref="CampaignA"/> run by TeamA on NetworkA, and
/// <see cref="CampaignB"/> run by TeamB on NetworkB, both from 30 days ago to 60 days ahead. Seed helpers write
/// straight into the tables; tests that write outside a command and then read through a cached query call
/// <c>App.OpenDatabase().Dispose()</c> (done here) so the read cache sees the write.
/// </summary>
public sealed class ListeningWorld : PeopleAndTeamsWorld
{
    private ListeningWorld(TestApp app, TestClock clock) : base(app, clock) { }

    public Guid CampaignA { get; private set; }
    public Guid CampaignB { get; private set; }

    /// <summary>The seeded themes' ids, by name ("Housing", "Access and waiting", …).</summary>
    public Dictionary<string, Guid> Themes { get; } = new();

    /// <param name="services">Test registrations added after the app's own.</param>
    public static async Task<ListeningWorld> StartAsync(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var world = await StartWithTeamsAsync((app, clock) => new ListeningWorld(app, clock), services, settings);
        world.CampaignA = await world.AddCampaignAsync("Northfield listening", world.TeamA, [world.NetworkA]);
        world.CampaignB = await world.AddCampaignAsync("Diabetes listening", world.TeamB, [world.NetworkB]);
        await using var db = world.App.OpenDatabase();
        foreach (var theme in await db.QueryAsync<ThemeRow>("SELECT id AS Id, name AS Name FROM listening_theme"))
            world.Themes[theme.Name] = theme.Id;
        return world;
    }

    /// <summary>Today's date in the organisation's zone (London by default), shifted by <paramref name="days"/>, as stored.</summary>
    public string Date(int days = 0) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime)
        .AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<Guid> AddCampaignAsync(string name, Guid teamId, IReadOnlyList<Guid> networks, int startsInDays = -30, int endsInDays = 60,
        int target = 100, string status = "active")
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO listening_campaign (id, name, purpose, team_id, starts_on, ends_on, target_conversations, status, created_at, updated_at)
            VALUES (@id, @name, 'To hear what matters.', @teamId, @startsOn, @endsOn, @target, @status, @now, @now)
            """, new { id = id.ToString(), name, teamId = teamId.ToString(), startsOn = Date(startsInDays), endsOn = Date(endsInDays), target, status, now = Now });
        foreach (var network in networks)
            await db.ExecuteAsync("INSERT INTO listening_campaign_network (campaign_id, network_id) VALUES (@id, @network)",
                new { id = id.ToString(), network = network.ToString() });
        return id;
    }

    /// <summary>An event in <paramref name="campaignId"/> on the campaign's first network (or <paramref name="networkId"/>), a day ago unless told.</summary>
    public async Task<Guid> AddEventAsync(Guid campaignId, string type = "house-meeting", int headcount = 8, DateTimeOffset? heldAt = null,
        Guid? recordedBy = null, Guid? hostPersonId = null, Guid? networkId = null, string? place = "Community centre", string? language = "English",
        IReadOnlyList<Guid>? facilitators = null, IReadOnlyList<Guid>? participants = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        var network = networkId?.ToString() ?? await db.ExecuteScalarAsync<string>(
            "SELECT MIN(network_id) FROM listening_campaign_network WHERE campaign_id = @campaignId", new { campaignId = campaignId.ToString() });
        await db.ExecuteAsync("""
            INSERT INTO listening_event (id, campaign_id, network_id, type, held_at, place, headcount, language, host_person_id, recorded_by, created_at, updated_at)
            VALUES (@id, @campaignId, @network, @type, @heldAt, @place, @headcount, @language, @host, @recordedBy, @now, @now)
            """, new
        {
            id = id.ToString(), campaignId = campaignId.ToString(), network, type, heldAt = DapperTypeHandlers.ToDbText(heldAt ?? Clock.GetUtcNow().AddDays(-1)),
            place, headcount, language, host = hostPersonId?.ToString(), recordedBy = recordedBy?.ToString(), now = Now,
        });
        foreach (var person in facilitators ?? [])
            await db.ExecuteAsync("INSERT INTO listening_event_person (event_id, person_id, role) VALUES (@id, @person, 'facilitator')", new { id = id.ToString(), person = person.ToString() });
        foreach (var person in participants ?? [])
            await db.ExecuteAsync("INSERT INTO listening_event_person (event_id, person_id, role) VALUES (@id, @person, 'participant')", new { id = id.ToString(), person = person.ToString() });
        return id;
    }

    /// <summary>An issue raised at the event, tagged with the named seeded themes.</summary>
    public async Task<Guid> AddRaisedAsync(Guid eventId, string text, params string[] themes)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        var campaign = await CampaignOfEventAsync(db, eventId);
        await db.ExecuteAsync("INSERT INTO listening_raised (id, event_id, campaign_id, position, text, created_at) VALUES (@id, @eventId, @campaign, 0, @text, @now)",
            new { id = id.ToString(), eventId = eventId.ToString(), campaign, text, now = Now });
        foreach (var theme in themes)
            await db.ExecuteAsync("INSERT INTO listening_raised_theme (raised_id, theme_id, campaign_id) VALUES (@id, @theme, @campaign)",
                new { id = id.ToString(), theme = Themes[theme].ToString(), campaign });
        return id;
    }

    /// <summary>A story (or testimony, or quote) told at the event with the given consent, behind <paramref name="raisedId"/> when given.</summary>
    public async Task<Guid> AddStoryAsync(Guid eventId, string text, string consent = "public", string kind = "story", Guid? tellerPersonId = null,
        string? tellerLabel = null, Guid? raisedId = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        var campaign = await CampaignOfEventAsync(db, eventId);
        await db.ExecuteAsync("""
            INSERT INTO listening_story (id, event_id, campaign_id, raised_id, kind, position, text, teller_person_id, teller_label, consent, created_at)
            VALUES (@id, @eventId, @campaign, @raisedId, @kind, 0, @text, @teller, @tellerLabel, @consent, @now)
            """, new
        {
            id = id.ToString(), eventId = eventId.ToString(), campaign, raisedId = raisedId?.ToString(), kind, text, teller = tellerPersonId?.ToString(),
            tellerLabel, consent, now = Now,
        });
        return id;
    }

    /// <summary>A candidate issue in the campaign cut from the given issues raised, at <paramref name="status"/>.</summary>
    public async Task<Guid> AddCandidateAsync(Guid campaignId, string title, IReadOnlyList<Guid> raised, string status = "candidate")
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO listening_candidate (id, campaign_id, title, problem, status, prioritised_at, created_at, updated_at)
            VALUES (@id, @campaignId, @title, 'What people told us.', @status, @prioritisedAt, @now, @now)
            """, new { id = id.ToString(), campaignId = campaignId.ToString(), title, status, prioritisedAt = status == "prioritised" ? Now : null, now = Now });
        foreach (var raisedId in raised)
            await db.ExecuteAsync("INSERT INTO listening_candidate_raised (candidate_id, raised_id) VALUES (@id, @raisedId)", new { id = id.ToString(), raisedId = raisedId.ToString() });
        return id;
    }

    private static Task<string?> CampaignOfEventAsync(System.Data.Common.DbConnection db, Guid eventId) =>
        db.ExecuteScalarAsync<string>("SELECT campaign_id FROM listening_event WHERE id = @eventId", new { eventId = eventId.ToString() });

    private sealed class ThemeRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
    }
}
