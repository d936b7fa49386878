namespace Organising.Teams.Contracts;

/// <summary>A rung of a leadership ladder, as data (see Teams' ladder pages).</summary>
public sealed class LadderRung
{
    public Guid Id { get; init; }

    /// <summary>"clinician" or "community".</summary>
    public string Track { get; init; } = "";
    public int Position { get; init; }
    public string Name { get; init; } = "";

    /// <summary>"training", "one-to-ones" or "activity".</summary>
    public string Rule { get; init; } = "";
    public string? Activity { get; init; }
    public int Threshold { get; init; }
}

/// <summary>
/// Where a person stands on their ladder, computed from what is recorded: <see cref="Current"/> is the highest rung
/// reached with every rung below it reached too (null: not yet on the ladder).
/// </summary>
public sealed record LadderStanding(Guid PersonId, string Track, LadderRung? Current, IReadOnlyList<RungProgress> Rungs)
{
    public int Position => Current?.Position ?? 0;
}

/// <param name="Progress">What counts towards it, in words: "3 of 5 one-to-ones".</param>
public sealed record RungProgress(LadderRung Rung, bool Reached, string Progress);
