using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Modules;
using Organising.Platform.Reminders;

namespace Organising.Testing;

/// <summary>
/// A module that exists only in the tests: it declares reminder kinds as a real module would (Teams' training
/// sessions, one-to-one follow-ups), so Platform's reminders can be tested before any module sends them.
/// </summary>
public static class TestingModule
{
    /// <summary>Like a training session: two reminders by default, two days and two hours before.</summary>
    public static readonly ReminderKind Visit = new("testing.visit", "Test visits", "Visits made in the tests.")
    {
        DefaultLeadTimes = [TimeSpan.FromDays(2), TimeSpan.FromHours(2)],
    };

    /// <summary>Like a one-to-one's follow-up: one reminder at the time given.</summary>
    public static readonly ReminderKind FollowUp = new("testing.follow-up", "Test follow-ups", "Follow-ups due in the tests.");

    public static readonly ModuleDefinition Definition = new("testing", "testing", typeof(TestingModule).Assembly)
    {
        ReminderKinds = [Visit, FollowUp],
    };

    /// <summary>For <see cref="TestApp.Start"/>'s services callback.</summary>
    public static void AddTo(IServiceCollection services) => services.AddSingleton(Definition);
}
