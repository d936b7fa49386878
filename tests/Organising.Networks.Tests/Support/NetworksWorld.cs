using Dapper;
using Microsoft.Extensions.DependencyInjection;
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

    // Networks seed data, straight into the tables (the network and institution pages are tested elsewhere).

    public async Task<Guid> AddNetworkAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await using var connection = App.OpenDatabase();
        await connection.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at) VALUES (@id, @name, 'place', '2025-01-01T00:00:00.0000000Z')",
            new { id = id.ToString(), name });
        return id;
    }

    public async Task<Guid> AddInstitutionAsync(string name)
    {
        var id = Guid.CreateVersion7();
        await using var connection = App.OpenDatabase();
        await connection.ExecuteAsync("INSERT INTO networks_institution (id, name, type, membership, created_at) VALUES (@id, @name, 'faith', 'member', '2025-01-01T00:00:00.0000000Z')",
            new { id = id.ToString(), name });
        return id;
    }
}
