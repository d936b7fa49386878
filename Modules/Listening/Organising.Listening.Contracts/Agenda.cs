using Mediator;

namespace Organising.Listening.Contracts;

/// <summary>
/// A candidate issue was prioritised onto the people's agenda: Research takes it up from here. The counts are what
/// it rests on (stories behind the issues raised it was cut from, and the people at those conversations); no
/// personal data travels with it. Published again, with the same id, when an agenda issue's lineage changes.
/// </summary>
public sealed record IssuePrioritised(Guid IssueId, string Title, IReadOnlyList<Guid> ThemeIds, int StoryCount, int PeopleCount) : INotification;

/// <summary>An issue came off the people's agenda (set aside, or deleted).</summary>
public sealed record IssueDeprioritised(Guid IssueId) : INotification;

/// <summary>The issues on the people's agenda, in their order (most votes first).</summary>
public sealed record GetPeoplesAgenda : IQuery<IReadOnlyList<AgendaIssue>>;

public sealed class AgendaIssue
{
    public Guid Id { get; init; }
    public string Title { get; init; } = "";
    public IReadOnlyList<Guid> ThemeIds { get; init; } = [];
    public int StoryCount { get; init; }
    public int ConversationCount { get; init; }
    public int PeopleCount { get; init; }
    public int NetworkCount { get; init; }
    public int Points { get; init; }
}
