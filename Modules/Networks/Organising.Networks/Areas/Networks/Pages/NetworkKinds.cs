namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>The three kinds of network: beyond the usual patients, by place, by condition, by community.</summary>
internal static class NetworkKinds
{
    public const string Place = "place";
    public const string Condition = "condition";
    public const string Community = "community";

    public static readonly IReadOnlyList<string> All = [Place, Condition, Community];

    public static string Describe(string kind) => kind switch
    {
        Place => "Place (an estate or a ward)",
        Condition => "Condition pathway (for example diabetes)",
        Community => "Community (for example Somali mothers)",
        _ => kind,
    };
}
