namespace Organising.Platform.Web;

/// <summary>
/// A typed-in search longer than <see cref="MaxLength"/> is refused with a message beside the box and kept there
/// to be shortened, never cut: a cut text can match records the person did not ask for.
/// </summary>
public static class SearchBox
{
    public const int MaxLength = 200;

    /// <summary>The text to search for (null when there is none or it is refused) and the message when refused.</summary>
    public static (string? Text, string? Error) Read(string? typed) =>
        typed is { Length: > MaxLength }
            ? (null, $"A search can be at most {MaxLength} characters and this one has {typed.Length:N0}, so it was not used. Shorten it and search again.")
            : (typed, null);
}
