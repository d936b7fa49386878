using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>Creating and editing an institution are one command: no Id creates, an Id edits.</summary>
public static partial class SaveInstitution
{
    public const int MaxNetworks = 100;

    public sealed class Command : ICommand<Guid>, IValidatable
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter the institution's name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the name.")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Choose what type of institution this is.")]
        public string Type { get; set; } = "";

        [Required(ErrorMessage = "Choose how the institution belongs.")]
        public string Membership { get; set; } = Memberships.Prospect;

        [StringLength(500, ErrorMessage = "Use at most 500 characters for the address.")]
        public string? Address { get; set; }

        [StringLength(10, ErrorMessage = "Enter a postcode like E14 2BG.")]
        public string? Postcode { get; set; }

        public Guid? MainContactId { get; set; }

        public List<Guid> NetworkIds { get; set; } = [];

        [StringLength(4000, ErrorMessage = "Use at most 4,000 characters for the notes.")]
        public string? Notes { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (!InstitutionTypes.All.Contains(Type)) yield return new FieldError(nameof(Type), "Choose one of the types in the list.");
            if (!Memberships.All.Contains(Membership)) yield return new FieldError(nameof(Membership), "Choose one of the kinds of membership in the list.");
            if (!string.IsNullOrWhiteSpace(Postcode) && NormalisePostcode(Postcode) is null)
                yield return new FieldError(nameof(Postcode), "Enter a full postcode like E14 2BG, or leave it empty.");
            if (NetworkIds.Count > MaxNetworks) yield return new FieldError(nameof(NetworkIds), $"Choose at most {MaxNetworks} networks.");
        }

        /// <summary>"e142bg" becomes "E14 2BG"; null when it is not a UK postcode.</summary>
        public static string? NormalisePostcode(string? text)
        {
            var compact = Regex.Replace(text ?? "", @"\s+", "").ToUpperInvariant();
            return PostcodePattern().IsMatch(compact) ? $"{compact[..^3]} {compact[^3..]}" : null;
        }
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")]
    private static partial Regex PostcodePattern();

    private sealed class Existing
    {
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        public Guid? MainContactId { get; init; }
        public string? Notes { get; init; }
    }

    private const string ExistingSql = """
        SELECT name, type, membership, address, postcode, main_contact_id, notes FROM networks_institution WHERE id = @id
        """;
    private const string ExistingNetworksSql = "SELECT network_id FROM networks_institution_network WHERE institution_id = @id";

    // Current networks, plus any already linked (an archived network stays linked until unticked).
    private const string KnownNetworksSql = """
        SELECT id FROM networks_network
        WHERE id IN (SELECT value FROM json_each(@ids)) AND (archived_at IS NULL OR id IN (SELECT network_id FROM networks_institution_network WHERE institution_id = @id))
        """;

    private const string VisibleContactSql = $"""
        SELECT EXISTS (SELECT 1 FROM networks_person p
                       WHERE p.id = @contactId AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter})
        """;

    private const string InsertSql = """
        INSERT INTO networks_institution (id, name, type, membership, address, postcode, main_contact_id, notes, created_at, created_by)
        VALUES (@id, @name, @type, @membership, @address, @postcode, @contactId, @notes, @now, @userId)
        """;
    private const string UpdateSql = """
        UPDATE networks_institution
        SET name = @name, type = @type, membership = @membership, address = @address, postcode = @postcode,
            main_contact_id = @contactId, notes = @notes
        WHERE id = @id
        """;
    private const string ClearNetworksSql = "DELETE FROM networks_institution_network WHERE institution_id = @id";
    private const string AddNetworkSql = "INSERT INTO networks_institution_network (institution_id, network_id) VALUES (@id, @networkId)";

    internal sealed class Handler(DbSession session, PeopleScope scope, ICurrentUser user, AuditLog audit, TimeProvider time) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var id = command.Id ?? Guid.CreateVersion7();
            Existing? existing = null;
            var existingNetworks = new HashSet<Guid>();
            if (command.Id is not null)
            {
                existing = await connection.QuerySingleOrDefaultAsync<Existing>(new CommandDefinition(ExistingSql, new { id }, session.Transaction, cancellationToken: ct))
                    ?? throw new ValidationFailedException("", "That institution no longer exists.");
                existingNetworks = (await connection.QueryAsync<Guid>(new CommandDefinition(ExistingNetworksSql, new { id }, session.Transaction, cancellationToken: ct))).ToHashSet();
            }

            var networkIds = command.NetworkIds.Distinct().ToList();
            if (networkIds.Count > 0)
            {
                var known = (await connection.QueryAsync<Guid>(new CommandDefinition(KnownNetworksSql, new { ids = SqlText.IdList(networkIds), id }, session.Transaction, cancellationToken: ct))).ToHashSet();
                if (networkIds.Any(n => !known.Contains(n)))
                    throw new ValidationFailedException(nameof(Command.NetworkIds), "One of the networks chosen no longer exists or is archived. Choose from the list.");
            }

            // A contact must be someone this user may see; keeping the contact already recorded is always allowed.
            if (command.MainContactId is { } contactId && contactId != existing?.MainContactId
                && !await connection.ExecuteScalarAsync<bool>(new CommandDefinition(VisibleContactSql, (await scope.WithAsync(new { contactId }, ct)), session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException(nameof(Command.MainContactId), "Choose the main contact from the people listed.");
            }

            var args = new
            {
                id,
                name = command.Name.Trim(),
                type = command.Type,
                membership = command.Membership,
                address = Clean(command.Address),
                postcode = Command.NormalisePostcode(command.Postcode),
                contactId = command.MainContactId,
                notes = Clean(command.Notes),
                now = time.GetUtcNow(),
                userId = user.Id,
            };

            if (existing is null)
            {
                await connection.ExecuteAsync(new CommandDefinition(InsertSql, args, session.Transaction, cancellationToken: ct));
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(UpdateSql, args, session.Transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(ClearNetworksSql, new { id }, session.Transaction, cancellationToken: ct));
            }
            foreach (var networkId in networkIds)
            {
                await connection.ExecuteAsync(new CommandDefinition(AddNetworkSql, new { id, networkId }, session.Transaction, cancellationToken: ct));
            }

            if (existing is null)
            {
                await audit.WriteAsync(new AuditEntry("networks.institution-created", "institution", id.ToString(), $"Institution “{args.name}” created."), ct);
            }
            else
            {
                // Name the fields that changed, never their values (the contact is personal data).
                var changed = new List<string>();
                if (existing.Name != args.name) changed.Add("name");
                if (existing.Type != args.type) changed.Add("type");
                if (existing.Membership != args.membership) changed.Add("membership");
                if (existing.Address != args.address) changed.Add("address");
                if (existing.Postcode != args.postcode) changed.Add("postcode");
                if (existing.MainContactId != args.contactId) changed.Add("main contact");
                if (existing.Notes != args.notes) changed.Add("notes");
                if (!existingNetworks.SetEquals(networkIds)) changed.Add("networks");
                if (changed.Count > 0)
                {
                    await audit.WriteAsync(new AuditEntry("networks.institution-edited", "institution", id.ToString(),
                        $"Institution “{args.name}” edited: {string.Join(", ", changed)}."), ct);
                }
            }
            return id;
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
