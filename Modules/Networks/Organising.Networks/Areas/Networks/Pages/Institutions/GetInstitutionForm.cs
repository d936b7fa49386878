using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>
/// What the create and edit form needs: the institution as saved (when editing), the networks to tick,
/// and the people to choose the main contact from (those affiliated, the one chosen, and any found by a search),
/// all within what the current user may see.
/// </summary>
public static class GetInstitutionForm
{
    public const int MaxSearchMatches = 20;

    public sealed record Query(Guid? InstitutionId, string? ContactSearch, Guid? ChosenContactId) : IQuery<Result?>;

    public sealed class Saved
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        public Guid? MainContactId { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }
        public IReadOnlyList<Guid> NetworkIds { get; set; } = [];
    }

    public sealed class NetworkOption
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool IsArchived { get; init; }
    }

    public sealed class ContactChoice
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string? Postcode { get; init; }
        public bool IsAffiliated { get; init; }
    }

    /// <summary><paramref name="SearchMatches"/> is null when no search was asked for.</summary>
    public sealed record Result(Saved? Institution, IReadOnlyList<NetworkOption> Networks, IReadOnlyList<ContactChoice> Contacts, int? SearchMatches);

    private const string SavedSql = """
        SELECT id, name, type, membership, address, postcode, main_contact_id, notes, archived_at FROM networks_institution WHERE id = @id
        """;
    private const string SavedNetworksSql = "SELECT network_id FROM networks_institution_network WHERE institution_id = @id";

    // Current networks, and archived ones only where the institution is still linked to them.
    private const string NetworksSql = """
        SELECT id, name, CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END AS is_archived FROM networks_network
        WHERE archived_at IS NULL OR id IN (SELECT network_id FROM networks_institution_network WHERE institution_id = @id)
        ORDER BY lower(name), id
        """;

    private const string ContactsSql = $"""
        SELECT p.id, COALESCE(p.preferred_name, p.full_name) AS display_name, p.postcode,
               CASE WHEN EXISTS (SELECT 1 FROM networks_affiliation a WHERE a.person_id = p.id AND a.institution_id = @id) THEN 1 ELSE 0 END AS is_affiliated
        FROM networks_person p
        WHERE (p.id IN (SELECT a.person_id FROM networks_affiliation a WHERE a.institution_id = @id) OR p.id = @chosen OR p.id = @saved)
          AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
        ORDER BY lower(p.full_name), p.id
        LIMIT 200
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope, ISender sender) : IQueryHandler<Query, Result?>
    {
        public async ValueTask<Result?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            Saved? saved = null;
            if (query.InstitutionId is { } id)
            {
                saved = await connection.QuerySingleOrDefaultAsync<Saved>(new CommandDefinition(SavedSql, new { id }, session.Transaction, cancellationToken: ct));
                if (saved is null) return null;
                saved.NetworkIds = (await connection.QueryAsync<Guid>(new CommandDefinition(SavedNetworksSql, new { id }, session.Transaction, cancellationToken: ct))).ToList();
            }
            var networks = (await connection.QueryAsync<NetworkOption>(new CommandDefinition(NetworksSql,
                new { id = query.InstitutionId }, session.Transaction, cancellationToken: ct))).ToList();
            var contacts = (await connection.QueryAsync<ContactChoice>(new CommandDefinition(ContactsSql,
                (await scope.WithAsync(new { id = query.InstitutionId, chosen = query.ChosenContactId, saved = saved?.MainContactId }, ct)), session.Transaction, cancellationToken: ct))).ToList();

            int? matches = null;
            if (!string.IsNullOrWhiteSpace(query.ContactSearch))
            {
                // The same search as every other person picker, within what this user may see.
                var found = await sender.Send(new SearchPeople(query.ContactSearch, MaxSearchMatches), ct);
                matches = found.Count;
                var known = contacts.Select(c => c.Id).ToHashSet();
                contacts.AddRange(found.Where(f => !known.Contains(f.Id))
                    .Select(f => new ContactChoice { Id = f.Id, DisplayName = f.DisplayName, Postcode = f.Postcode }));
            }
            return new Result(saved, networks, contacts, matches);
        }
    }
}
