using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Organising.Platform.Identity;

/// <summary>
/// Secrets that travel in links (invitations, calendar feeds): 32 random bytes, base64url. Only their SHA-256 hash is
/// stored for lookup, so the table cannot be used to open one, and a lookup by hash gives nothing away by its timing.
/// </summary>
public static class SecretTokens
{
    private const int Bytes = 32;

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be one of ours at all; anything else need not be looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && Base64Url.IsValid(token, out var length) && length == Bytes;
}
