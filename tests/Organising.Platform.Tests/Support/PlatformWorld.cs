using System.Security.Claims;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests.Support;

/// <summary>
/// One running app (on a <see cref="TestClock"/>) with a user of every role, each with a signed-in browser,
/// and a way to send requests through the mediator as any of them.
/// </summary>
public sealed class PlatformWorld : IAsyncDisposable
{
    private PlatformWorld(TestApp app, TestClock clock)
    {
        App = app;
        Clock = clock;
    }

    public TestApp App { get; }
    public TestClock Clock { get; }
    public Dictionary<string, User> Users { get; } = new();
    public User Admin => Users[Roles.Administrator];
    public User Organiser => Users[Roles.Organiser];
    public User Leader => Users[Roles.Leader];
    public User Volunteer => Users[Roles.Volunteer];
    public User Observer => Users[Roles.Observer];

    public sealed record User(Guid Id, string Email, string Role, string Name, Browser Browser);

    public static async Task<PlatformWorld> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new TestClock();
        var world = new PlatformWorld(TestApp.Start(settings, services => services.AddSingleton<TimeProvider>(clock)), clock);
        var admin = await world.App.SetUpAdministratorAsync("admin@example.org", "Ada Admin");
        var adminId = await world.UserIdAsync("admin@example.org");
        world.Users[Roles.Administrator] = new User(adminId, "admin@example.org", Roles.Administrator, "Ada Admin", admin);
        foreach (var role in new[] { Roles.Organiser, Roles.Leader, Roles.Volunteer, Roles.Observer })
        {
            var email = $"{role.ToLowerInvariant()}@example.org";
            var name = $"{role} Person";
            var id = await world.App.CreateUserAsync(email, role, name);
            world.Users[role] = new User(id, email, role, name, await world.App.SignInAsync(email));
        }
        return world;
    }

    public async Task<Guid> UserIdAsync(string email)
    {
        await using var connection = App.OpenDatabase();
        return Guid.Parse(await connection.ExecuteScalarAsync<string>("SELECT id FROM platform_user WHERE email = @email", new { email }) ?? "");
    }

    /// <summary>A new account of <paramref name="role"/> with a unique address, for tests that change or lock it.</summary>
    public async Task<(Guid Id, string Email)> NewUserAsync(string role, string? prefix = null)
    {
        var email = $"{prefix ?? role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..10]}@example.org";
        return (await App.CreateUserAsync(email, role, $"{role} {email[..8]}"), email);
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

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = App.OpenDatabase();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users.Values) user.Browser.Dispose();
        await App.DisposeAsync();
    }
}
