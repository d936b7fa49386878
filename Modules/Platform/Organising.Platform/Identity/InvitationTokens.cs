namespace Organising.Platform.Identity;

/// <summary>Invitation links carry a <see cref="SecretTokens"/> token; only its hash is stored.</summary>
public static class InvitationTokens
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);
}
