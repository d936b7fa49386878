using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;
using Organising.Platform.Identity;

namespace Organising.Networks.Tests.Support;

/// <summary>
/// The shared <see cref="AppWorld"/> with a second Volunteer (whose people the first must not see), and Networks seed data.
/// </summary>
public sealed class NetworksWorld : AppWorld
{
    private NetworksWorld(TestApp app, TestClock clock) : base(app, clock) { }

    public User OtherVolunteer => Users["Volunteer2"];

    private static readonly IReadOnlyList<Account> Accounts =
    [
        new(Roles.Organiser, Roles.Organiser, "Olu Organiser"), new(Roles.Leader, Roles.Leader, "Lee Leader"),
        new(Roles.Volunteer, Roles.Volunteer, "Val Volunteer"), new("Volunteer2", Roles.Volunteer, "Vic Volunteer"),
        new(Roles.Observer, Roles.Observer, "Obi Observer"),
    ];

    /// <param name="services">Test registrations added after the app's own (e.g. a notification handler that records events).</param>
    public static Task<NetworksWorld> StartAsync(Action<IServiceCollection>? services = null) =>
        StartAsync((app, clock) => new NetworksWorld(app, clock), Accounts, services: services);

    // Networks seed data, straight into the tables (App.OpenDatabase also drops the app's cached reach counts).

    public async Task<Guid> AddNetworkAsync(string name, string kind = "place", bool archived = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at, archived_at) VALUES (@id, @name, @kind, @now, @archived)",
            new { id = id.ToString(), name, kind, now = Now, archived = archived ? Now : null });
        return id;
    }

    /// <summary>A person in the given networks; <paramref name="createdBy"/> decides which Volunteer sees them.</summary>
    public async Task<Guid> AddPersonAsync(string fullName, Guid[]? networks = null, string[]? roles = null, string? language = null,
        bool newToInvolvement = false, Guid? createdBy = null, bool erased = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_person (id, full_name, preferred_language, new_to_involvement, search_text, created_at, created_by, updated_at, erased_at)
            VALUES (@id, @fullName, @language, @isNew, @search, @now, @createdBy, @now, @erased)
            """, new { id = id.ToString(), fullName, language, isNew = newToInvolvement ? 1 : 0, search = fullName.ToLowerInvariant(), now = Now, createdBy = createdBy?.ToString(), erased = erased ? Now : null });
        foreach (var network in networks ?? [])
            await db.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)", new { id = id.ToString(), network = network.ToString() });
        foreach (var role in roles ?? [])
            await db.ExecuteAsync("INSERT INTO networks_person_role (person_id, role) VALUES (@id, @role)", new { id = id.ToString(), role });
        return id;
    }

    public async Task AddConsentAsync(Guid personId, string purpose, string state, string occurredOn, string? recordedAt = null)
    {
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_at)
            VALUES (@id, @personId, @purpose, @state, 'May we contact you?', @occurredOn, 'paper', @recordedAt)
            """, new { id = Guid.CreateVersion7().ToString(), personId = personId.ToString(), purpose, state, occurredOn, recordedAt = recordedAt ?? Now });
    }

    public async Task<Guid> AddInstitutionAsync(string name, string type = "faith", string membership = "member", Guid[]? networks = null,
        string? postcode = null, Guid? mainContact = null, bool archived = false)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO networks_institution (id, name, type, membership, postcode, main_contact_id, created_at, archived_at)
            VALUES (@id, @name, @type, @membership, @postcode, @mainContact, @now, @archived)
            """, new { id = id.ToString(), name, type, membership, postcode, mainContact = mainContact?.ToString(), now = Now, archived = archived ? Now : null });
        foreach (var network in networks ?? [])
            await db.ExecuteAsync("INSERT INTO networks_institution_network (institution_id, network_id) VALUES (@id, @network)", new { id = id.ToString(), network = network.ToString() });
        return id;
    }

    public async Task AffiliateAsync(Guid personId, Guid institutionId, string role = "member")
    {
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_affiliation (person_id, institution_id, role) VALUES (@p, @i, @role)",
            new { p = personId.ToString(), i = institutionId.ToString(), role });
    }

    private Guid? _leadersTeam;

    /// <summary>
    /// Makes <see cref="AppWorld.Leader"/> reach these people the way Leaders do: the Leader (as the person with their
    /// e-mail address) leads a team, and the people are its members. A Leader sees no one else but those they added.
    /// </summary>
    public async Task LetLeaderReachAsync(params Guid[] people)
    {
        await using var db = App.OpenDatabase();
        if (_leadersTeam is null)
        {
            var leader = await AddContactablePersonAsync(Leader.Name, Leader.Email);
            _leadersTeam = Guid.CreateVersion7();
            await db.ExecuteAsync("INSERT INTO teams_team (id, name, status, created_at, updated_at) VALUES (@id, 'The leader''s team', 'active', @now, @now)",
                new { id = _leadersTeam.Value.ToString(), now = Now });
            await db.ExecuteAsync("INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES (@team, @person, 'organiser', 1, @now)",
                new { team = _leadersTeam.Value.ToString(), person = leader.ToString(), now = Now });
        }
        foreach (var person in people)
            await db.ExecuteAsync("INSERT INTO teams_member (team_id, person_id, role, leads, joined_at) VALUES (@team, @person, 'volunteer', 0, @now) ON CONFLICT DO NOTHING",
                new { team = _leadersTeam.Value.ToString(), person = person.ToString(), now = Now });
    }

    // The app's own clock, so seeded rows and the app agree on "now" when a test moves it.
    private string Now => DapperTypeHandlers.ToDbText(Clock.GetUtcNow());
}
