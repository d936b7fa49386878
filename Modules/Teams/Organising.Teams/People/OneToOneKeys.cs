namespace Organising.Teams.People;

/// <summary>The reminder keys of a one-to-one's follow-up, shared by the one-to-one commands and the erasure handler.</summary>
internal static class OneToOneKeys
{
    public static string FollowUp(Guid oneToOneId) => $"{Prefix(oneToOneId)}follow-up";

    /// <summary>Every reminder of the one-to-one, for CancelByPrefix.</summary>
    public static string Prefix(Guid oneToOneId) => $"teams.one-to-one.{oneToOneId:D}.";
}
