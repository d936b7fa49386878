using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Listening.Areas.Listening.Pages.Themes;

/// <summary>
/// Creating and renaming a theme are one command (Organisers and Administrators): no Id creates, an Id edits. Names and
/// codes are unique ignoring case; renaming keeps every tag, so every tally follows the new name.
/// </summary>
public static partial class SaveTheme
{
    public const string NoSuchTheme = "That theme does not exist: it may have been merged into another.";

    public sealed class Command : ICommand<Saved>, IValidatable, IAuditedCommand
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter the theme's name.")]
        [StringLength(100, ErrorMessage = "Use at most 100 characters for the name.")]
        public string Name { get; set; } = "";

        [StringLength(8, ErrorMessage = "Use at most 8 letters or digits for the code.")]
        public string? Code { get; set; }

        [StringLength(500, ErrorMessage = "Use at most 500 characters for the description.")]
        public string? Description { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (string.IsNullOrWhiteSpace(Name)) yield return new FieldError(nameof(Name), "Enter the theme's name.");
            if (!string.IsNullOrWhiteSpace(Code) && !CodePattern().IsMatch(Code.Trim()))
                yield return new FieldError(nameof(Code), "Use only letters and digits for the code, for example HOU.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response switch
        {
            Saved { Created: true } saved => new("listening.theme-created", "theme", saved.Id.ToString(), $"Theme “{saved.Name}” created."),
            Saved { Changed.Count: > 0 } saved => new("listening.theme-edited", "theme", saved.Id.ToString(),
                saved.PreviousName != saved.Name ? $"Theme “{saved.PreviousName}” renamed “{saved.Name}”." : $"Theme “{saved.Name}” edited: {string.Join(", ", saved.Changed)}."),
            _ => null,
        };
    }

    public sealed record Saved(Guid Id, string Name, bool Created, IReadOnlyList<string> Changed, string? PreviousName = null);

    [GeneratedRegex("^[A-Za-z0-9]{1,8}$")]
    private static partial Regex CodePattern();

    private sealed class Existing
    {
        public string Name { get; init; } = "";
        public string? Code { get; init; }
        public string? Description { get; init; }
    }

    private const string ExistingSql = "SELECT name AS Name, code AS Code, description AS Description FROM listening_theme WHERE id = @id";
    private const string DuplicateNameSql = "SELECT name FROM listening_theme WHERE lower(name) = lower(@name) AND id <> @id";
    private const string DuplicateCodeSql = "SELECT name FROM listening_theme WHERE lower(code) = lower(@code) AND id <> @id";
    private const string InsertSql = """
        INSERT INTO listening_theme (id, name, code, description, created_at) VALUES (@id, @name, @code, @description, @now)
        """;
    private const string UpdateSql = "UPDATE listening_theme SET name = @name, code = @code, description = @description WHERE id = @id";

    internal sealed class Handler(DbSession session, ListeningScope scope, TimeProvider time) : ICommandHandler<Command, Saved>
    {
        public async ValueTask<Saved> Handle(Command command, CancellationToken ct)
        {
            if (!scope.SeesAll) throw new ValidationFailedException("", "Only Organisers can change the themes.");
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            Existing? existing = null;
            if (command.Id is not null)
            {
                existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { id }, session.Transaction, cancellationToken: ct));
                if (existing is null) throw new ValidationFailedException("", NoSuchTheme);
            }
            var name = Regex.Replace(command.Name.Trim(), @"\s+", " ");
            var code = string.IsNullOrWhiteSpace(command.Code) ? null : command.Code.Trim().ToUpperInvariant();
            var description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim();

            var clash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(DuplicateNameSql, new { name, id }, session.Transaction, cancellationToken: ct));
            if (clash is not null)
                throw new ValidationFailedException(nameof(Command.Name),
                    $"There is already a theme called “{clash}” (names are the same whatever their capitals). Choose another name, or merge the two themes.");
            if (code is not null)
            {
                var codeClash = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(DuplicateCodeSql, new { code, id }, session.Transaction, cancellationToken: ct));
                if (codeClash is not null)
                    throw new ValidationFailedException(nameof(Command.Code), $"The code {code} is already “{codeClash}”'s. Choose another code.");
            }

            var args = new { id, name, code, description, now = time.GetUtcNow() };
            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
                return new Saved(id, name, true, []);
            }
            var changed = new List<string>();
            if (existing.Name != name) changed.Add("name");
            if (existing.Code != code) changed.Add("code");
            if (existing.Description != description) changed.Add("description");
            if (changed.Count > 0)
                await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
            return new Saved(id, name, false, changed, existing.Name);
        }
    }
}
