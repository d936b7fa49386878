using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Settings;

using Organising.Listening.Events;

namespace Organising.Listening.Areas.Listening.Pages.Agenda;

/// <summary>
/// The people's agenda as the viewer may see it. It never holds a name, nor the text of a story whose consent is not
/// 'public' (and an Observer gets no story text at all). Links go only where the viewer may go: a conversation where
/// <see cref="ListeningScope.SeesEventAsync"/> allows, networks for signed-in users who are not Observers, nothing
/// for an anonymous visitor (who gets the agenda at all only when an Organiser has published it).
/// </summary>
public static class GetAgenda
{
    public sealed record Query : IQuery<Result>;

    public sealed record Link(string Url, string Text);

    public sealed record Issue(Guid Id, string Title, int Points, IReadOnlyList<string> Themes, int Stories, int Conversations, int People, int Networks,
        IReadOnlyList<string> PublicStories, IReadOnlyList<Link> StoryLinks, IReadOnlyList<Link> ConversationLinks, IReadOnlyList<Link> NetworkLinks);

    /// <summary><paramref name="Issues"/> is empty for an anonymous visitor while the agenda is not published.</summary>
    public sealed record Result(bool Published, IReadOnlyList<Issue> Issues);

    public const string PublicSettingKey = "public-agenda";

    internal sealed class Handler(DbSession session, PeoplesAgenda agenda, ListeningScope scope, ISender sender, ReadCache cache,
        OrganisationTime time) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var published = await PublishedAsync(ct);
            var anonymous = scope.UserId is null;
            if (anonymous && !published) return new Result(false, []);
            var key = $"listening.agenda.page:{(anonymous ? "anonymous" : scope.CacheKey)}";
            var issues = await cache.GetOrLoadAsync(session, key, async () => (IReadOnlyList<Issue>)await LoadAsync(anonymous, ct));
            return new Result(published, issues);
        }

        private async Task<List<Issue>> LoadAsync(bool anonymous, CancellationToken ct)
        {
            var stored = await agenda.LoadAsync(ct);
            var seesNetworks = !anonymous && !scope.IsObserver;
            var networkNames = seesNetworks && stored.Any(i => i.Lineage.NetworkCount > 0)
                ? (await sender.Send(new ListNetworks(IncludeArchived: true), ct)).ToDictionary(n => n.Id, n => n.Name)
                : [];
            var issues = new List<Issue>();
            foreach (var issue in stored)
            {
                var of = issue.Lineage;
                var seen = new HashSet<Guid>();
                var conversations = new List<Link>();
                if (!anonymous)
                    foreach (var conversation in of.Conversations)
                        if (await scope.SeesEventAsync(conversation.TeamId, conversation.RecordedBy, ct))
                        {
                            seen.Add(conversation.EventId);
                            conversations.Add(new Link($"/Listening/Events/Details/{conversation.EventId}",
                                $"{EventTypes.Describe(conversation.Type)}, {await time.FormatAsync(conversation.HeldAt, "d MMM yyyy")}"));
                        }
                var storyLinks = of.Stories.Where(s => seen.Contains(s.EventId)).Select((s, n) => new Link(
                    $"/Listening/Events/Details/{s.EventId}#story-{s.Id}", $"{HeardKinds.Describe(s.Kind)} {n + 1} ({StoryConsents.Describe(s.Consent).ToLowerInvariant()})")).ToList();
                // Only consent 'public' may be quoted here, for anyone; an Observer sees no story text at all.
                var quoted = scope.IsObserver ? [] : of.Stories.Where(s => s.Consent == StoryConsents.Public).Select(s => s.Text).ToList();
                var networks = seesNetworks
                    ? of.NetworkIds.Select(n => new Link($"/Networks/Details/{n}", networkNames.GetValueOrDefault(n, "A network"))).OrderBy(l => l.Text).ToList()
                    : [];
                issues.Add(new Issue(issue.Id, issue.Title, issue.Points, of.ThemeNames, of.StoryCount, of.ConversationCount,
                    of.PeopleCount, of.NetworkCount, quoted, storyLinks, conversations, networks));
            }
            return issues;
        }

        private async ValueTask<bool> PublishedAsync(CancellationToken ct) =>
            await cache.GetOrLoadAsync(session, "listening.agenda.published", async () =>
            {
                var connection = await session.ConnectionAsync(ct);
                return await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT value FROM listening_setting WHERE key = @key",
                    new { key = PublicSettingKey }, session.Transaction, cancellationToken: ct)) == "1";
            });
    }
}

/// <summary>Publishes the people's agenda to anyone, signed in or not, or takes it back in (Organisers; audited).</summary>
public static class PublishAgenda
{
    public sealed class Command : ICommand<bool>, Platform.Pipeline.IValidatable, Platform.Audit.IAuditedCommand
    {
        public bool Publish { get; set; }

        /// <summary>Publishing must be confirmed: the page says what becomes public.</summary>
        public bool Confirm { get; set; }

        public IEnumerable<Platform.Pipeline.FieldError> Validate()
        {
            if (Publish && !Confirm)
                yield return new Platform.Pipeline.FieldError(nameof(Confirm), "Tick the box to confirm that the agenda may be seen by anyone, without signing in.");
        }

        public Platform.Audit.AuditEntry? DescribeForAudit(object? response) => response is true
            ? new("listening.agenda-published", "listening-setting", GetAgenda.PublicSettingKey,
                Publish ? "The people's agenda was published to anyone." : "The people's agenda was taken back in: signed-in users only.")
            : null;
    }

    private const string UpsertSql = """
        INSERT INTO listening_setting (key, value) VALUES (@key, @value)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value
        """;

    /// <summary>Returns whether anything changed.</summary>
    internal sealed class Handler(DbSession session, ListeningScope scope) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            if (!scope.SeesAll) throw new Platform.Pipeline.ValidationFailedException("", "Only Organisers can publish the people's agenda.");
            var connection = await session.ConnectionAsync(ct);
            var value = command.Publish ? "1" : "0";
            var current = await connection.ExecuteScalarAsync<string>(new CommandDefinition("SELECT value FROM listening_setting WHERE key = @key",
                new { key = GetAgenda.PublicSettingKey }, session.Transaction, cancellationToken: ct));
            if ((current ?? "0") == value) return false;
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new { key = GetAgenda.PublicSettingKey, value }, session.Transaction, cancellationToken: ct));
            return true;
        }
    }
}
