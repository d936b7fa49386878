using System.ComponentModel.DataAnnotations;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages;

/// <summary>Creating and editing a network are one command: no Id creates, an Id edits.</summary>
public static class SaveNetwork
{
    public sealed class Command : ICommand<Guid>, IValidatable
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter a name for the network.")]
        [StringLength(120, ErrorMessage = "Use at most 120 characters for the name.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose what kind of network this is.")]
        public string Kind { get; set; } = NetworkKinds.Place;

        [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for the description.")]
        public string? Description { get; set; }

        [StringLength(500, ErrorMessage = "Use at most 500 characters for the postcode districts.")]
        public string? PostcodeDistricts { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (!NetworkKinds.All.Contains(Kind)) yield return new FieldError(nameof(Kind), "Choose one of the kinds in the list.");
            if (Kind != NetworkKinds.Place && !string.IsNullOrWhiteSpace(PostcodeDistricts))
                yield return new FieldError(nameof(PostcodeDistricts), "Postcode districts are only for a place network.");
            foreach (var district in PostcodeDistrictList(PostcodeDistricts))
            {
                if (!System.Text.RegularExpressions.Regex.IsMatch(district, "^[A-Z]{1,2}[0-9][A-Z0-9]?$"))
                {
                    yield return new FieldError(nameof(PostcodeDistricts), $"“{district}” is not a postcode district. Use the first half of a postcode, like E14 or SW1A.");
                    break;
                }
            }
        }

        /// <summary>"e14, E3  n1" becomes [E14, E3, N1].</summary>
        public static IReadOnlyList<string> PostcodeDistrictList(string? text) =>
            (text ?? "").ToUpperInvariant().Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
    }

    private const string NameTakenSql = "SELECT EXISTS (SELECT 1 FROM networks_network WHERE lower(name) = lower(@name) AND (@id IS NULL OR id <> @id))";
    private const string InsertSql = """
        INSERT INTO networks_network (id, name, kind, description, postcode_districts, created_at, created_by)
        VALUES (@id, @name, @kind, @description, @districts, @now, @userId)
        """;
    private const string UpdateSql = """
        UPDATE networks_network SET name = @name, kind = @kind, description = @description, postcode_districts = @districts
        WHERE id = @id
        """;

    internal sealed class Handler(DbSession session, ICurrentUser user, AuditLog audit, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var name = command.Name.Trim();
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(NameTakenSql, new { name, id = command.Id }, session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException(nameof(Command.Name), "Another network already has this name.");
            }
            var args = new
            {
                id = command.Id ?? Guid.CreateVersion7(),
                name,
                kind = command.Kind,
                description = string.IsNullOrWhiteSpace(command.Description) ? null : command.Description.Trim(),
                districts = command.Kind == NetworkKinds.Place ? string.Join(" ", Command.PostcodeDistrictList(command.PostcodeDistricts)) : null,
                now = time.GetUtcNow(),
                userId = user.Id,
            };
            if (command.Id is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
                await audit.WriteAsync(new AuditEntry("networks.network-created", "network", args.id.ToString(), $"Network “{name}” created."), ct);
            }
            else
            {
                var changed = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
                if (changed == 0) throw new ValidationFailedException("", "That network no longer exists.");
                await audit.WriteAsync(new AuditEntry("networks.network-edited", "network", args.id.ToString(), $"Network “{name}” edited."), ct);
            }
            return args.id;
        }
    }
}
