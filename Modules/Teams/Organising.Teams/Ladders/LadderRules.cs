using Organising.Teams.Contracts;

namespace Organising.Teams.Ladders;

/// <summary>The kinds of rule a rung can have, and the activities other modules report, in words people read.</summary>
internal static class LadderRules
{
    public const string Training = "training";
    public const string OneToOnes = "one-to-ones";
    public const string Activity = "activity";

    public static readonly IReadOnlyList<string> All = [Training, OneToOnes, Activity];

    public static readonly IReadOnlyList<string> Activities =
    [
        LeadershipActivities.HostedHouseMeeting, LeadershipActivities.GaveTestimony, LeadershipActivities.ChairedMeeting,
        LeadershipActivities.JoinedResearchAction,
    ];

    public static string DescribeRule(string rule) => rule switch
    {
        Training => "Completed every core training module",
        OneToOnes => "Held a number of one-to-ones",
        Activity => "Did something a number of times (reported by listening, research or assemblies)",
        _ => rule,
    };

    public static string DescribeActivity(string? activity) => activity switch
    {
        LeadershipActivities.HostedHouseMeeting => "hosted a house meeting",
        LeadershipActivities.GaveTestimony => "gave testimony",
        LeadershipActivities.ChairedMeeting => "chaired a meeting",
        LeadershipActivities.JoinedResearchAction => "joined a research action",
        null => "",
        _ => activity,
    };

    public static string Describe(LadderRung rung) => rung.Rule switch
    {
        Training => "Completed every core training module",
        OneToOnes => $"Held {rung.Threshold} one-to-one{(rung.Threshold == 1 ? "" : "s")}",
        Activity => rung.Threshold == 1
            ? $"Has {DescribeActivity(rung.Activity)}"
            : $"Has {DescribeActivity(rung.Activity)} {rung.Threshold} times",
        _ => rung.Rule,
    };
}
