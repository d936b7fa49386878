using Dapper;
using Mediator;
using Organising.Listening.Issues;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>
/// Merging a theme into another (Organisers and Administrators): every issue raised it tags is tagged with the other
/// instead (once: an issue tagged with both keeps one tag), then the merged theme is deleted. Audited.
/// </summary>
public static class MergeTheme
{
    /// <summary>What the confirmation page shows: the theme, the others to choose from, and, once one is chosen, what moves.</summary>
    public sealed record Preview(Guid SourceId, Guid? TargetId) : IQuery<PreviewResult?>;

    public sealed record ThemeOption(Guid Id, string Name);

    /// <param name="Tagged">Issues raised the merged theme tags now.</param>
    /// <param name="AlreadyTagged">Of those, how many the chosen theme already tags (they keep one tag).</param>
    public sealed record PreviewResult(Guid Id, string Name, int Tagged, IReadOnlyList<ThemeOption> Others, ThemeOption? Target, int AlreadyTagged);

    public sealed class Command : ICommand<Merged>, IValidatable, IAuditedCommand
    {
        public Guid SourceId { get; set; }
        public Guid? TargetId { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (TargetId is null) yield return new FieldError(nameof(TargetId), "Choose the theme to merge it into.");
            else if (TargetId == SourceId) yield return new FieldError(nameof(TargetId), "Choose a different theme: a theme cannot be merged into itself.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Merged merged
            ? new("listening.theme-merged", "theme", merged.TargetId.ToString(),
                $"Theme “{merged.SourceName}” merged into “{merged.TargetName}”: {merged.Moved} tags moved, {merged.Tagged - merged.Moved} already there.")
            : null;
    }

    public sealed record Merged(Guid TargetId, string SourceName, string TargetName, int Tagged, int Moved);

    /// <summary>The theme with this id among <paramref name="themes"/>, or null.</summary>
    private static (Guid Id, string Name)? Find(IReadOnlyList<(Guid Id, string Name)> themes, Guid? id) =>
        themes.Where(t => t.Id == id).Select(t => ((Guid Id, string Name)?)t).FirstOrDefault();
    private const string TaggedSql = "SELECT COUNT(*) FROM listening_raised_theme WHERE theme_id = @source";
    private const string BothSql = """
        SELECT COUNT(*) FROM listening_raised_theme s
        WHERE s.theme_id = @source AND EXISTS (SELECT 1 FROM listening_raised_theme t WHERE t.raised_id = s.raised_id AND t.theme_id = @target)
        """;
    private const string MoveSql = """
        INSERT INTO listening_raised_theme (raised_id, theme_id, campaign_id)
        SELECT s.raised_id, @target, s.campaign_id FROM listening_raised_theme s
        WHERE s.theme_id = @source AND NOT EXISTS (SELECT 1 FROM listening_raised_theme t WHERE t.raised_id = s.raised_id AND t.theme_id = @target)
        """;
    private const string DeleteTagsSql = "DELETE FROM listening_raised_theme WHERE theme_id = @source";
    private const string DeleteThemeSql = "DELETE FROM listening_theme WHERE id = @source";

    internal sealed class PreviewHandler(DbSession session, ListeningScope scope, ThemeNames themeNames) : IQueryHandler<Preview, PreviewResult?>
    {
        public async ValueTask<PreviewResult?> Handle(Preview query, CancellationToken ct)
        {
            if (!scope.SeesAll) return null;
            var connection = await session.ConnectionAsync(ct);
            var themes = await themeNames.AllAsync(ct);
            if (Find(themes, query.SourceId) is not { } source) return null;
            var others = themes.Where(t => t.Id != source.Id).Select(t => new ThemeOption(t.Id, t.Name)).ToList();
            var tagged = await connection.ExecuteScalarAsync<int>(new CommandDefinition(TaggedSql, new { source = source.Id }, session.Transaction, cancellationToken: ct));
            var target = others.FirstOrDefault(o => o.Id == query.TargetId);
            var both = target is null ? 0 : await connection.ExecuteScalarAsync<int>(new CommandDefinition(BothSql,
                new { source = source.Id, target = target.Id }, session.Transaction, cancellationToken: ct));
            return new PreviewResult(source.Id, source.Name, tagged, others, target, both);
        }
    }

    internal sealed class Handler(DbSession session, ListeningScope scope, ThemeNames themeNames) : ICommandHandler<Command, Merged>
    {
        public async ValueTask<Merged> Handle(Command command, CancellationToken ct)
        {
            if (!scope.SeesAll) throw new ValidationFailedException("", "Only Organisers can merge themes.");
            var connection = await session.ConnectionAsync(ct);
            var themes = await themeNames.AllAsync(ct);
            var source = Find(themes, command.SourceId) ?? throw new ValidationFailedException("", SaveTheme.NoSuchTheme);
            var target = Find(themes, command.TargetId)
                ?? throw new ValidationFailedException(nameof(Command.TargetId), "Choose a theme from the list: that one no longer exists.");
            var args = new { source = source.Id, target = target.Id };
            var tagged = await connection.ExecuteScalarAsync<int>(new CommandDefinition(TaggedSql, args, session.Transaction, cancellationToken: ct));
            var moved = await connection.ExecuteAsync(new CommandDefinition(MoveSql, args, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(DeleteTagsSql, args, session.Transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(DeleteThemeSql, args, session.Transaction, cancellationToken: ct));
            return new Merged(target.Id, source.Name, target.Name, tagged, moved);
        }
    }
}
