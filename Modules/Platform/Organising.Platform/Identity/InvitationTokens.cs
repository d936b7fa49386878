using System.Security.Cryptography;
using System.Text;

namespace Organising.Platform.Identity;

/// <summary>Invitation links carry a random token; only its hash is stored, so the table cannot be used to accept one.</summary>
public static class InvitationTokens
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
