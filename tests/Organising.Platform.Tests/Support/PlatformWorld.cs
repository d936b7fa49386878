using Microsoft.Extensions.DependencyInjection;

namespace Organising.Platform.Tests.Support;

/// <summary>The shared <see cref="AppWorld"/>: an administrator and one signed-in user of each other role.</summary>
public sealed class PlatformWorld : AppWorld
{
    private PlatformWorld(TestApp app, TestClock clock) : base(app, clock) { }

    /// <param name="services">Test registrations added after the app's own (e.g. a test module's reminder kinds or calendar source).</param>
    public static Task<PlatformWorld> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null) =>
        StartAsync((app, clock) => new PlatformWorld(app, clock), settings: settings, services: services);
}
