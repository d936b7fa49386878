using System.Security.Claims;
using Dapper;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Identity;

namespace Organising.Testing;

/// <summary>
/// One running app (on a <see cref="TestClock"/>) with a user of every role, each with a signed-in browser,
/// and a way to send requests through the mediator as any of them (handler tests on the real database, no HTTP).
/// A module's tests derive their own world from it and add that module's seed helpers.
/// </summary>
public class AppWorld : IAsyncDisposable
{
    public sealed record User(Guid Id, string Email, string Role, string Name, Browser Browser);

    /// <summary>Who is signed in besides the administrator: the key names the user in <see cref="Users"/>.</summary>
    public sealed record Account(string Key, string Role, string Name);

    public static readonly IReadOnlyList<Account> OneOfEachRole =
    [
        new(Roles.Organiser, Roles.Organiser, "Organiser Person"), new(Roles.Leader, Roles.Leader, "Leader Person"),
        new(Roles.Volunteer, Roles.Volunteer, "Volunteer Person"), new(Roles.Observer, Roles.Observer, "Observer Person"),
    ];

    protected AppWorld(TestApp app, TestClock clock)
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

    /// <param name="create">Makes the derived world around the started app.</param>
    /// <param name="accounts">The users to create and sign in; defaults to <see cref="OneOfEachRole"/>.</param>
    /// <param name="settings">Configuration for the app (e.g. SMTP).</param>
    /// <param name="services">Test registrations added after the app's own (e.g. a notification handler that records events).</param>
    protected static async Task<TWorld> StartAsync<TWorld>(Func<TestApp, TestClock, TWorld> create, IReadOnlyList<Account>? accounts = null,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
        where TWorld : AppWorld
    {
        var clock = new TestClock();
        var world = create(TestApp.Start(settings, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        }), clock);
        var admin = await world.App.SetUpAdministratorAsync("admin@example.org", "Ada Admin");
        world.Users[Roles.Administrator] = new User(await world.UserIdAsync("admin@example.org"), "admin@example.org", Roles.Administrator, "Ada Admin", admin);
        foreach (var account in accounts ?? OneOfEachRole)
        {
            var email = $"{account.Key.ToLowerInvariant()}@example.org";
            var id = await world.App.CreateUserAsync(email, account.Role, account.Name);
            world.Users[account.Key] = new User(id, email, account.Role, account.Name, await world.App.SignInAsync(email));
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

    /// <summary>
    /// A person (in Networks, whose contact directory Platform's reminders ask) with an e-mail address and the given
    /// consent to contact: "given" makes them reachable. A user with the same address is this person.
    /// </summary>
    public async Task<Guid> AddContactablePersonAsync(string fullName, string email, string contactConsent = "given")
    {
        await using var db = App.OpenDatabase();
        var ids = await ContactablePeople.AddAsync(db, null, [new ContactablePeople.Person(fullName, email)], Clock.GetUtcNow(), contactConsent);
        return ids[0];
    }

    public async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var connection = App.OpenDatabase();
        return await connection.ExecuteScalarAsync<long>(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var user in Users.Values) user.Browser.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
