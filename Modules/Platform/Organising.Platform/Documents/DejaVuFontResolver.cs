using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Organising.Platform.Documents;

/// <summary>
/// Gives PDFsharp the four faces of DejaVu Sans from Debian's fonts-dejavu-core. Every family name resolves to
/// DejaVu Sans: documents use one family, and DejaVu covers the Latin, Greek and Cyrillic names members have.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    public const string DebianFontDirectory = "/usr/share/fonts/truetype/dejavu";

    // Face name (what PDFsharp asks GetFont for) → file name.
    internal static readonly IReadOnlyDictionary<string, string> Faces = new Dictionary<string, string>
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSans-Oblique"] = "DejaVuSans-Oblique.ttf",
        ["DejaVuSans-BoldOblique"] = "DejaVuSans-BoldOblique.ttf",
    };

    private readonly string _directory;
    private readonly ConcurrentDictionary<string, byte[]> _loaded = new();

    public DejaVuFontResolver(string directory = DebianFontDirectory) => _directory = directory;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch
        {
            (false, false) => "DejaVuSans",
            (true, false) => "DejaVuSans-Bold",
            (false, true) => "DejaVuSans-Oblique",
            (true, true) => "DejaVuSans-BoldOblique",
        });

    public byte[]? GetFont(string faceName) =>
        _loaded.GetOrAdd(faceName, face => File.ReadAllBytes(PathOf(face)));

    /// <summary>Fails early, naming the file and the package, rather than deep inside the first document.</summary>
    public void EnsureFilesExist()
    {
        foreach (var face in Faces.Keys)
            PathOf(face);
    }

    private string PathOf(string faceName)
    {
        if (!Faces.TryGetValue(faceName, out var file))
            throw new ArgumentException($"Unknown DejaVu face '{faceName}'.", nameof(faceName));
        var path = Path.Combine(_directory, file);
        if (!File.Exists(path))
            throw new FileNotFoundException(
                $"The font file {path} is missing. PDF documents need DejaVu Sans: install the Debian package " +
                "fonts-dejavu-core (apt-get install fonts-dejavu-core).", path);
        return path;
    }
}

/// <summary>
/// PDFsharp's font resolver is process-wide and may be set only before the first font is used, so it is set here
/// once, and every document builder calls this first.
/// </summary>
public static class PdfFonts
{
    private static readonly Lock Gate = new();
    private static DejaVuFontResolver? _installed;

    public static void EnsureInstalled()
    {
        if (Volatile.Read(ref _installed) is not null)
            return;
        lock (Gate)
        {
            if (_installed is not null)
                return;
            var resolver = new DejaVuFontResolver();
            resolver.EnsureFilesExist();
            if (GlobalFontSettings.FontResolver is { } other && other is not DejaVuFontResolver)
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver ({other.GetType().Name}); documents expect DejaVu Sans.");
            GlobalFontSettings.FontResolver ??= resolver;
            Volatile.Write(ref _installed, resolver);
        }
    }
}
