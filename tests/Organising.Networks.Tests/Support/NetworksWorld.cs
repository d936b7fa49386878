using System.Security.Claims;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Identity;

namespace Organising.Networks.Tests.Support;

/// <summary>
/// One running app with a user of every role, each with a signed-in browser, and a way to send
/// requests through the mediator as any of them (handler tests on the real database, no HTTP).
/// Copy this for another module's tests: only the seed helpers at the bottom are Networks-specific.
/// </summary>
public sealed class NetworksWorld : IAsyncDisposable
{
    private NetworksWorld(TestApp app) => App = app;

    public TestApp App { get; }
    public Dictionary<string, User> Users { get; } = new();
    public User Admin => Users[Roles.Administrator];
    public User Organiser => Users[Roles.Organiser];
    public User Leader => Users[Roles.Leader];
    public User Volunteer => Users[Roles.Volunteer];
    public User OtherVolunteer => Users["Volunteer2"];
    public User Observer => Users[Roles.Observer];

    public sealed record User(Guid Id, string Email, string Role, string Name, Browser Browser);

    /// <param name="services">Test registrations added after the app's own (e.g. a notification handler that records events).</param>
    public static async Task<NetworksWorld> StartAsync(Action<IServiceCollection>? services = null)
    {
        var world = new NetworksWorld(TestApp.Start(services: services));
        var admin = await world.App.SetUpAdministratorAsync("admin@example.org", "Ada Admin");
        var adminId = await world.UserIdAsync("admin@example.org");
        world.Users[Roles.Administrator] = new User(adminId, "admin@example.org", Roles.Administrator, "Ada Admin", admin);
        foreach (var (key, role, name) in new[]
                 {
                     (Roles.Organiser, Roles.Organiser, "Olu Organiser"), (Roles.Leader, Roles.Leader, "Lee Leader"),
                     (Roles.Volunteer, Roles.Volunteer, "Val Volunteer"), ("Volunteer2", Roles.Volunteer, "Vic Volunteer"),
                     (Roles.Observer, Roles.Observer, "Obi Observer"),
                 })
        {
            var email = $"{key.ToLowerInvariant()}@example.org";
            var id = await world.App.CreateUserAsync(email, role, name);
            world.Users[key] = new User(id, email, role, name, await world.App.SignInAsync(email));
        }
        return world;
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        await using var connection = App.OpenDatabase();
        return Guid.Parse(await connection.ExecuteScalarAsync<string>("SELECT id FROM platform_user WHERE email = @email", new { email }) ?? "");
    }

    /// <summary>Runs <paramref name="work"/> in a fresh scope as if <paramref name="user"/> made the request.</summary>
    public async Task<T> AsAsync<T>(User user, Func<ISender, IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()), new Claim(ClaimTypes.Role, user.Role), new Claim(AppClaimTypes.DisplayName, user.Name)],
            "Test");
        var previous = accessor.HttpContext;
        accessor.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(identity), RequestServices = scope.ServiceProvider };
        try
        {
            return await work(scope.ServiceProvider.GetRequiredService<ISender>(), scope.ServiceProvider);
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }

    public Task<T> SendAsAsync<T>(User user, ICommand<T> command) => AsAsync(user, async (s, _) => await s.Send(command));
    public Task<T> SendAsAsync<T>(User user, IQuery<T> query) => AsAsync(user, async (s, _) => await s.Send(query));

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

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users.Values) user.Browser.Dispose();
        await App.DisposeAsync();
    }
}
