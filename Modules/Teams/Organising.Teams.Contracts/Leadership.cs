using Mediator;

namespace Organising.Teams.Contracts;

/// <summary>
/// Published by a later module (Listening, Assembly…) when a person did something that counts on the leadership
/// ladders: hosted a house meeting, gave testimony, chaired a meeting. Teams keeps its own copy, so a person's rung
/// is computed from what is recorded, never typed in. <paramref name="SourceKey"/> names the record that shows it
/// ("listening.event.{id}.host"): publishing the same key again changes nothing.
/// </summary>
public sealed record LeadershipActivityRecorded(Guid PersonId, string Activity, DateTimeOffset OccurredAt, string SourceKey) : INotification;

/// <summary>Published when the record behind <see cref="LeadershipActivityRecorded"/> was deleted or corrected.</summary>
public sealed record LeadershipActivityWithdrawn(string SourceKey) : INotification;

/// <summary>The activities the seeded ladders count; modules may publish others, which rungs defined as data can use.</summary>
public static class LeadershipActivities
{
    public const string HostedHouseMeeting = "hosted-house-meeting";
    public const string GaveTestimony = "gave-testimony";
    public const string ChairedMeeting = "chaired-meeting";
    public const string JoinedResearchAction = "joined-research-action";
}
