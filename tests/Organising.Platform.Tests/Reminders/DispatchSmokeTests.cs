using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using Organising.Platform.Reminders;
using Organising.Platform.Tests.Support;

namespace Organising.Platform.Tests.Reminders;

public sealed class DispatchSmokeTests
{
    [Test]
    public async Task A_due_reminder_is_sent_once_with_a_message_id_from_its_key()
    {
        var port = FreePort();
        using var smtp = SimpleSmtpServer.Start(port);
        await using var world = await PlatformWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Organising:Smtp:Host"] = "127.0.0.1",
            ["Organising:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Organising:Smtp:UseTls"] = "false",
            ["Organising:Smtp:From"] = "organising@example.org",
        }, TestingModule.AddTo);
        world.Clock.SetNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
        var person = await world.AddContactablePersonAsync("Hodan Ali", "hodan@example.org");

        await using (var scope = world.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(
                $"testing.follow-up.{person}", person, TestingModule.FollowUp.Id, world.Clock.GetUtcNow(), "Follow up with Hodan", "Call her back."));
        }

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (smtp.ReceivedEmailCount < 1 && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.That(smtp.ReceivedEmailCount, Is.EqualTo(1));
        Assert.That(smtp.ReceivedEmail[0].Headers["Message-ID"], Does.Contain("reminder."));
        string? status;
        do
        {
            await using var db = world.App.OpenDatabase();
            status = await db.ExecuteScalarAsync<string>("SELECT status FROM platform_reminder WHERE base_key = @key", new { key = $"testing.follow-up.{person}" });
        } while (status == "sending" && DateTime.UtcNow < deadline);
        Assert.That(status, Is.EqualTo("sent"));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
