using Organising.Platform.Documents;

namespace Organising.Teams.Training;

/// <summary>What a sign-in sheet says about its session, already in the organisation's local time.</summary>
internal sealed record SessionHeader(string ModuleName, DateTimeOffset StartsLocal, DateTimeOffset EndsLocal, string? Place, string? OnlineLink,
    string? Trainer, string? TeamName);

/// <summary>
/// The printable sign-in sheet of a training session: a numbered row per person enrolled, then blank rows for
/// people who come without enrolling, each with room to sign and a box to tick for consent to be contacted.
/// The header row repeats on every page and every page is numbered (Platform's document layer).
/// </summary>
internal static class SignInSheet
{
    public const int BlankRows = 10;

    public static readonly IReadOnlyList<PdfColumn> Columns =
        [new("No.", 0.5, PdfAlign.Right), new("Name", 3), new("Signature", 2.5), new("I consent to being contacted", 1.6)];

    public static byte[] Render(SessionHeader session, IReadOnlyList<string> names) => Build(session, names).Bytes;

    /// <summary>The PDF and its page count.</summary>
    public static (byte[] Bytes, int PageCount) Build(SessionHeader session, IReadOnlyList<string> names)
    {
        var builder = new PdfDocumentBuilder($"Sign-in sheet: {session.ModuleName}, {session.StartsLocal:yyyy-MM-dd}");
        builder.Heading($"Sign-in sheet: {session.ModuleName}");
        builder.Paragraph(TrainingTime.DescribeSpan(session.StartsLocal, session.EndsLocal), PdfTextStyle.Bold);
        var details = new List<string>();
        if (session.Place is not null) details.Add($"Place: {session.Place}");
        if (session.OnlineLink is not null) details.Add($"Online: {session.OnlineLink}");
        if (session.Trainer is not null) details.Add($"Trainer: {session.Trainer}");
        if (session.TeamName is not null) details.Add($"Team: {session.TeamName}");
        if (details.Count > 0) builder.Paragraph(string.Join("\n", details));
        builder.Paragraph("Please sign beside your name, or add your name on a blank row. Tick the box if you agree to be contacted about organising for health; you can withdraw consent at any time.",
            PdfTextStyle.Italic);
        builder.Table(Columns, Rows(names));
        var bytes = builder.ToBytes();
        return (bytes, builder.PageCount);
    }

    // The number cell holds a blank second line, so every row is two lines tall: room for a signature.
    private static IEnumerable<IReadOnlyList<PdfCell>> Rows(IReadOnlyList<string> names)
    {
        var number = 0;
        foreach (var name in names)
            yield return [$"{++number}\n", name, "", PdfCell.CheckBox()];
        for (var i = 0; i < BlankRows; i++)
            yield return [$"{++number}\n", "", "", PdfCell.CheckBox()];
    }
}
