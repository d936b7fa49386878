namespace Organising.Reminders.Reliability.Tests;

/// <summary>A fresh install for each test, removed afterwards; the app's warnings are printed when a test fails.</summary>
public abstract class RigFixture
{
    protected ReminderRig Rig { get; private set; } = null!;

    /// <summary>The app's settings for this fixture, as environment variables.</summary>
    protected virtual IReadOnlyDictionary<string, string?> AppSettings { get; } = new Dictionary<string, string?>();

    [SetUp]
    public void CreateInstall() => Rig = new ReminderRig(AppSettings);

    [TearDown]
    public void RemoveInstall()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed) Rig.WriteAppWarnings(TestContext.Out);
        Rig.Dispose();
    }
}
