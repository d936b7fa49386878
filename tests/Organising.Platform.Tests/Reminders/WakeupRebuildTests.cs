using Dapper;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Reminders;

namespace Organising.Platform.Tests.Reminders;

/// <summary>
/// Start-up's rebuild of the dispatcher's wake-ups trusts a recorded job only while Hangfire still holds it waiting to
/// run the dispatcher. A replaced storage numbers its jobs from 1 again, so a recorded id can name another job.
/// </summary>
public sealed class WakeupRebuildTests
{
    [TestCase("another job's id")]
    [TestCase("an id this storage cannot read")]
    public async Task A_wake_up_whose_recorded_job_is_not_the_dispatchers_is_planned_again(string recorded)
    {
        await using var world = await PlatformWorld.StartAsync(services: TestingModule.AddTo);
        var person = await world.AddContactablePersonAsync("Hodan Ali", "hodan@example.org");
        var services = world.App.Services;
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IReminders>().ScheduleAsync(new ReminderRequest(
                $"testing.follow-up.{person}", person, TestingModule.FollowUp.Id, world.Clock.GetUtcNow().AddHours(3), "Follow up", "Call her back."));
        }
        var jobs = services.GetRequiredService<IBackgroundJobClient>();
        var stale = recorded == "another job's id"
            ? jobs.Schedule(() => Console.WriteLine("someone else's job"), TimeSpan.FromHours(1))
            : "lost-with-another-storage";
        await using (var db = world.App.OpenDatabase())
        {
            Assert.That(await db.ExecuteAsync("UPDATE platform_reminder_wakeup SET job_id = @stale", new { stale }), Is.EqualTo(1));
        }

        await services.GetRequiredService<ReminderWakeups>().RebuildAsync(CancellationToken.None);

        string jobId;
        await using (var db = world.App.OpenDatabase())
        {
            jobId = (await db.QueryAsync<string>("SELECT job_id FROM platform_reminder_wakeup")).Single();
        }
        Assert.That(jobId, Is.Not.EqualTo(stale), "planned again");
        using var hangfire = services.GetRequiredService<JobStorage>().GetConnection();
        var data = hangfire.GetJobData(jobId);
        Assert.That(data?.Job?.Type, Is.EqualTo(typeof(ReminderDispatcher)));
        Assert.That(data?.State, Is.EqualTo(ScheduledState.StateName));
    }
}
