using System.Net;
using Npgsql;

namespace Organising.Platform.Tests;

/// <summary>/healthz tells a load balancer the truth about the database while it is away, and again once it is back.</summary>
public sealed class HealthTests
{
    [Test]
    public async Task Healthz_reports_the_database_down_while_it_is_down_and_recovers_without_a_restart()
    {
        if (TestDatabase.Engine != DatabaseEngine.Postgres) Assert.Ignore("An embedded SQLite file cannot go away as a database server can; this runs on PostgreSQL.");
        var direct = new NpgsqlConnectionStringBuilder(TestDatabase.CreatePostgresDatabase());
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 };
        await using var app = TestApp.Start(postgres: throughRelay.ConnectionString);
        using var client = app.NewCookielessClient();

        Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        relay.Cut();
        var down = await client.GetAsync("/healthz");
        Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await down.Content.ReadAsStringAsync(), Does.Contain("\"database\":\"unreachable\""));
        Assert.That((await client.GetAsync("/healthz")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "still down");

        relay.Restore();
        var status = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 20 && status != HttpStatusCode.OK; attempt++)
        {
            status = (await client.GetAsync("/healthz")).StatusCode;
            if (status != HttpStatusCode.OK) await Task.Delay(250);
        }
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "healthy again once the database is back, in the same process");
    }
}
