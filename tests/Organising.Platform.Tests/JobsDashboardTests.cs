using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Identity;

namespace Organising.Platform.Tests;

/// <summary>
/// Hangfire's dashboard at /hangfire is for Administrators, decided by the app's sign-in and role, wherever the
/// request comes from: Hangfire's own default admits exactly the requests that look local, and nothing through a proxy.
/// </summary>
public sealed class JobsDashboardTests
{
    private PlatformWorld _world = null!;

    /// <summary>Every request arrives from 127.0.0.1, as from a reverse proxy on the same machine (the test server gives none).</summary>
    private sealed class FromLoopbackProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _world = await PlatformWorld.StartAsync(services: s => s.AddTransient<IStartupFilter, FromLoopbackProxy>());

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [Test]
    public async Task An_administrator_behind_the_proxy_sees_the_dashboard()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await _world.Admin.Browser.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Background jobs"));
    }

    [Test]
    public async Task The_dashboard_lists_the_recurring_reminders_run()
    {
        var page = await _world.Admin.Browser.GetAsync("/hangfire/recurring");

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Body, Does.Contain("platform-reminders"));
    }

    [TestCase(Roles.Organiser)]
    [TestCase(Roles.Leader)]
    [TestCase(Roles.Volunteer)]
    [TestCase(Roles.Observer)]
    public async Task Anyone_else_is_refused_even_from_the_machine_itself(string role)
    {
        var response = await _world.Users[role].Browser.GetAsync("/hangfire");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.LocationPath, Is.EqualTo("/Account/AccessDenied"));
    }

    [Test]
    public async Task Someone_not_signed_in_is_sent_to_sign_in()
    {
        using var browser = _world.App.NewBrowser();

        var response = await browser.GetAsync("/hangfire/jobs/enqueued");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.LocationPath, Is.EqualTo("/Account/Login"));
    }
}
