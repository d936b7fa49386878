using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Organising.Platform.Calendar;

/// <summary>
/// A calendar feed's secret: 32 random bytes, base64url, in the feed's address. The table keeps its SHA-256 hash to find
/// the feed (a lookup by hash gives away nothing by its timing) and a Data Protection copy so the owner can see the link again.
/// </summary>
public static class FeedTokens
{
    private const int Bytes = 32;

    /// <summary>Data Protection purpose for the stored copy.</summary>
    public const string ProtectionPurpose = "Organising.Platform.Calendar.FeedToken";

    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Whether <paramref name="token"/> could be one of ours at all; anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && Base64Url.IsValid(token, out var length) && length == Bytes;

    public static string PathOf(string token) => $"/calendar/{token}.ics";
}
