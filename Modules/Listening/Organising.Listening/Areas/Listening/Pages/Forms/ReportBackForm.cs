using Organising.Listening.Areas.Listening.Pages.Tallies;
using Organising.Platform.Documents;
using Organising.Platform.Web;

using Organising.Listening.Events;

namespace Organising.Listening.Areas.Listening.Pages.Forms;

/// <summary>
/// The printable report-back form for a house meeting (or any listening event): event details with tick boxes for the
/// type, rows for issues raised and for stories with consent boxes, consent in plain words, and the themes with their
/// codes. Prefilled from an event, it prints a story's words only when its consent is 'public'; the query never even
/// reads the others' words (<see cref="PrintReportBack"/>).
/// </summary>
internal static class ReportBackForm
{
    public const int MinimumIssueRows = 12;
    public const int MinimumStoryRows = 6;

    public sealed record Theme(string? Code, string Name, string? Description);

    /// <param name="Text">The words, only for a story shared publicly; null for any other.</param>
    public sealed record Story(string Kind, string? Text, string? TellerLabel, string Consent);

    public sealed record Issue(string Text, IReadOnlyList<string> ThemeCodes);

    public sealed record EventDetails(string Type, string Date, string? Place, IReadOnlyList<string> Facilitators, string? Language, int Headcount,
        IReadOnlyList<Issue> Issues, IReadOnlyList<Story> Stories);

    public static readonly IReadOnlyList<PdfColumn> IssueColumns = [new("No.", 0.5), new("Issue raised, in the words people used", 6), new("Theme codes", 2)];

    public static readonly IReadOnlyList<PdfColumn> StoryColumns =
        [new("No.", 0.5), new("Story or testimony, in the teller's words", 4.5), new("How the teller may be described", 2), new("Public", 1), new("Alliance only", 1.1), new("Not to be shared", 1.2)];

    public const string ConsentExplanation =
        "Ask everyone who tells a story how it may be used, and tick one box for each story. " +
        "Public: the story may be printed and shared publicly, for example at an assembly or in a report, without the teller's name. " +
        "Alliance only: the story stays inside the alliance, seen in the app only by those running this campaign; it is never printed or published. " +
        "Not to be shared: it is kept for our records only, seen by those running this campaign, and never printed, published or exported. " +
        "If you are not sure, tick Not to be shared. A teller may change their mind at any time: tell your organiser.";

    public static (byte[] Pdf, int Pages) Build(string campaignName, IReadOnlyList<Theme> themes, EventDetails? details)
    {
        var pdf = new PdfDocumentBuilder($"Report-back form: {campaignName}");
        pdf.Heading("Listening report-back form");
        pdf.Paragraph($"Campaign: {campaignName}", PdfTextStyle.Bold);
        pdf.Paragraph("Fill in one form for each listening event, then hand it to your organiser or type it in on the bulk-entry page.");

        pdf.Heading("The event", 2);
        pdf.Table([new PdfColumn("Tick", 0.6), new PdfColumn("Type of event", 6)],
            EventTypes.All.Select(t => (IReadOnlyList<PdfCell>)[PdfCell.CheckBox(details?.Type == t), EventTypes.Describe(t)]));
        pdf.Table([new PdfColumn("Detail", 2), new PdfColumn("Answer", 6)],
        [
            ["Date", details?.Date ?? ""],
            ["Place", details?.Place ?? ""],
            ["Facilitators", details is null ? "" : string.Join(", ", details.Facilitators)],
            ["Language used", details?.Language ?? ""],
            ["Headcount (everyone who took part)", details is null ? "" : details.Headcount.ToString()],
        ]);

        pdf.Heading("Issues raised", 2);
        pdf.Paragraph("One issue a row. Add one or more theme codes from the list at the end of this form.");
        var issues = details?.Issues ?? [];
        var issueRows = issues.Select((i, n) => (IReadOnlyList<PdfCell>)[(n + 1).ToString(), i.Text, string.Join(", ", i.ThemeCodes)]).ToList();
        for (var n = issueRows.Count; n < Math.Max(MinimumIssueRows, issues.Count + 4); n++) issueRows.Add([(n + 1).ToString(), "\n", ""]);
        pdf.Table(IssueColumns, issueRows);

        pdf.Heading("Stories and testimonies", 2);
        pdf.Paragraph("Consent in plain words", PdfTextStyle.Bold);
        pdf.Paragraph(ConsentExplanation);
        var stories = details?.Stories ?? [];
        var shown = stories.Where(s => s.Consent == StoryConsents.Public && s.Text is not null).ToList();
        var withheld = stories.Count - shown.Count;
        if (withheld > 0)
            pdf.Paragraph($"{Words.Count(withheld, "story", "stories")} told at this event {(withheld == 1 ? "is" : "are")} kept in the app only: {(withheld == 1 ? "its teller" : "their tellers")} did not agree to share {(withheld == 1 ? "it" : "them")} publicly, so {(withheld == 1 ? "it is" : "they are")} not printed.", PdfTextStyle.Italic);
        var storyRows = shown.Select((s, n) => (IReadOnlyList<PdfCell>)
            [(n + 1).ToString(), s.Text!, s.TellerLabel ?? "", PdfCell.CheckBox(true), PdfCell.CheckBox(), PdfCell.CheckBox()]).ToList();
        for (var n = storyRows.Count; n < Math.Max(MinimumStoryRows, shown.Count + 3); n++)
            storyRows.Add([(n + 1).ToString(), "\n\n\n", "", PdfCell.CheckBox(), PdfCell.CheckBox(), PdfCell.CheckBox()]);
        pdf.Table(StoryColumns, storyRows);

        pdf.Heading("Themes and their codes", 2);
        pdf.Table([new PdfColumn("Code", 1), new PdfColumn("Theme", 3), new PdfColumn("What it covers", 6)],
            themes.Select(t => (IReadOnlyList<PdfCell>)[t.Code ?? "", t.Name, t.Description ?? ""]));

        var bytes = pdf.ToBytes();
        return (bytes, pdf.PageCount);
    }
}
