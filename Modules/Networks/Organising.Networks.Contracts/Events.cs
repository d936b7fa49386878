using Mediator;

namespace Organising.Networks.Contracts;

/// <summary>
/// Published after two people were merged: every module re-points its references from
/// <paramref name="DuplicateId"/> to <paramref name="SurvivorId"/>, in the same transaction.
/// </summary>
public sealed record PersonMerged(Guid DuplicateId, Guid SurvivorId) : INotification;

/// <summary>Published after a person was anonymised: every module removes or anonymises what it holds about them.</summary>
public sealed record PersonErased(Guid PersonId) : INotification;

/// <summary>Published when a person withdraws a consent (see <see cref="ConsentPurposes"/>).</summary>
public sealed record ConsentWithdrawn(Guid PersonId, string Purpose) : INotification;

public static class ConsentPurposes
{
    public const string Contact = "contact";
    public const string Reminders = "reminders";
    public const string Story = "story";
    public const string Photographs = "photographs";
    public const string SpecialCategory = "special-category";

    public static readonly IReadOnlyList<string> All = [Contact, Reminders, Story, Photographs, SpecialCategory];

    public static string Describe(string purpose) => purpose switch
    {
        Contact => "Contact for organising",
        Reminders => "Reminders",
        Story => "Sharing their story publicly",
        Photographs => "Photographs",
        SpecialCategory => "Recording special-category data (ethnicity, faith, health)",
        _ => purpose,
    };
}
