using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Testing;

/// <summary>
/// The shared <see cref="AppWorld"/> with two Leaders and two Volunteers, each user also a person (same e-mail address),
/// so team scoping can be tested: <see cref="TeamA"/> (focused on <see cref="NetworkA"/>) is led by
/// <see cref="AppWorld.Leader"/> with <see cref="AppWorld.Volunteer"/> as a member; <see cref="TeamB"/> (on
/// <see cref="NetworkB"/>) is led by <see cref="OtherLeader"/> with <see cref="OtherVolunteer"/>. Teams' tests and
/// every later module's, whose records belong to teams, start from it. Seed helpers write straight into the tables.
/// </summary>
public abstract class PeopleAndTeamsWorld : AppWorld
{
    protected PeopleAndTeamsWorld(TestApp app, TestClock clock) : base(app, clock) { }

    public User OtherLeader => Users["Leader2"];
    public User OtherVolunteer => Users["Volunteer2"];

    /// <summary>The person each user is, by the user's key in <see cref="AppWorld.Users"/>.</summary>
    public Dictionary<string, Guid> PersonOf { get; } = new();

    public Guid PersonOfUser(User user) => PersonOf[Users.Single(u => u.Value == user).Key];

    public Guid NetworkA { get; private set; }
    public Guid NetworkB { get; private set; }
    public Guid TeamA { get; private set; }
    public Guid TeamB { get; private set; }

    private static readonly IReadOnlyList<Account> Accounts =
    [
        new(Roles.Organiser, Roles.Organiser, "Olu Organiser"), new(Roles.Leader, Roles.Leader, "Lee Leader"),
        new("Leader2", Roles.Leader, "Lara Leader"), new(Roles.Volunteer, Roles.Volunteer, "Val Volunteer"),
        new("Volunteer2", Roles.Volunteer, "Vic Volunteer"), new(Roles.Observer, Roles.Observer, "Obi Observer"),
    ];

    /// <param name="services">Test registrations added after the app's own.</param>
    protected static async Task<TWorld> StartWithTeamsAsync<TWorld>(Func<TestApp, TestClock, TWorld> create, Action<IServiceCollection>? services,
        IReadOnlyDictionary<string, string?>? settings) where TWorld : PeopleAndTeamsWorld
    {
        var world = await StartAsync(create, Accounts, settings, services);
        foreach (var (key, user) in world.Users)
            world.PersonOf[key] = await world.AddContactablePersonAsync(user.Name, user.Email);
        world.NetworkA = await world.AddNetworkAsync("Northfield estate");
        world.NetworkB = await world.AddNetworkAsync("Diabetes pathway", "condition");
        world.TeamA = await world.AddTeamAsync("Northfield health team", world.NetworkA);
        world.TeamB = await world.AddTeamAsync("Diabetes champions", world.NetworkB);
        await world.AddMemberAsync(world.TeamA, world.PersonOf[Roles.Leader], "community-champion", leads: true);
        await world.AddMemberAsync(world.TeamA, world.PersonOf[Roles.Volunteer], "volunteer");
        await world.AddMemberAsync(world.TeamB, world.PersonOf["Leader2"], "clinical-lead", leads: true);
        await world.AddMemberAsync(world.TeamB, world.PersonOf["Volunteer2"], "volunteer");
        return world;
    }

    public async Task<Guid> AddNetworkAsync(string name, string kind = "place")
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at) VALUES (@id, @name, @kind, @now)",
            new { id = id.ToString(), name, kind, now = Now });
        return id;
    }

    /// <summary>A person (in Networks) in the given networks, with no e-mail address.</summary>
    public async Task<Guid> AddPersonAsync(string fullName, params Guid[] networks)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_person (id, full_name, new_to_involvement, search_text, created_at, updated_at)
            VALUES (@id, @fullName, 0, @search, @now, @now)
            """, new { id = id.ToString(), fullName, search = fullName.ToLowerInvariant(), now = Now });
        foreach (var network in networks)
            await db.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)", new { id = id.ToString(), network = network.ToString() });
        return id;
    }

    /// <summary>A person <paramref name="addedBy"/> recorded in Networks, so a Volunteer may see and choose them.</summary>
    public async Task<Guid> AddPersonAddedByAsync(User addedBy, string fullName, params Guid[] networks)
    {
        var id = await AddPersonAsync(fullName, networks);
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("UPDATE networks_person SET created_by = @user WHERE id = @id", new { user = addedBy.Id.ToString(), id = id.ToString() });
        return id;
    }

    public async Task<Guid> AddTeamAsync(string name, Guid? networkId = null, string status = "active")
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO teams_team (id, name, purpose, network_id, status, created_at, updated_at)
            VALUES (@id, @name, 'To organise for health.', @networkId, @status, @now, @now)
            """, new { id = id.ToString(), name, networkId = networkId?.ToString(), status, now = Now });
        return id;
    }

    public async Task AddMemberAsync(Guid teamId, Guid personId, string role = "volunteer", bool leads = false)
    {
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES (@teamId, @personId, @role, @leads, @now)",
            new { teamId = teamId.ToString(), personId = personId.ToString(), role, leads = leads ? 1 : 0, now = Now });
    }

    /// <summary>The reminder rows under a key prefix, as stored: key, due_at, status, person_id.</summary>
    public async Task<List<ReminderRow>> RemindersAsync(string baseKeyPrefix)
    {
        await using var db = App.OpenDatabase();
        return (await db.QueryAsync<ReminderRow>(
            "SELECT key AS Key, base_key AS BaseKey, due_at AS DueAt, status AS Status, person_id AS PersonId, subject AS Subject, body AS Body FROM platform_reminder WHERE substr(base_key, 1, @length) = @prefix ORDER BY key",
            new { prefix = baseKeyPrefix, length = baseKeyPrefix.Length })).ToList();
    }

    public sealed class ReminderRow
    {
        public string Key { get; init; } = "";
        public string BaseKey { get; init; } = "";
        public string DueAt { get; init; } = "";
        public string Status { get; init; } = "";
        public string PersonId { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Body { get; init; } = "";
    }


    /// <summary>The app's own clock, so seeded rows and the app agree on "now" when a test moves it.</summary>
    public string Now => DapperTypeHandlers.ToDbText(Clock.GetUtcNow());
}
