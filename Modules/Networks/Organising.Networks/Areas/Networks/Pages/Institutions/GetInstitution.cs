using Dapper;
using Mediator;
using Organising.Platform.Data;

namespace Organising.Networks.Areas.Networks.Pages.Institutions;

/// <summary>One institution with its networks and the affiliated people the current user may see.</summary>
public static class GetInstitution
{
    public const int MaxMembersShown = 500;

    public sealed record Query(Guid Id) : IQuery<Details?>;

    public sealed class Details
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Type { get; init; } = "";
        public string Membership { get; init; } = "";
        public string? Address { get; init; }
        public string? Postcode { get; init; }
        public Guid? MainContactId { get; init; }
        public string? Notes { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ArchivedAt { get; init; }

        /// <summary>Null when there is none, or when the current user may not see who it is.</summary>
        public string? MainContactName { get; set; }

        /// <summary>Everyone affiliated (a number only, so it counts those the user may not see).</summary>
        public int MemberCount { get; set; }

        public IReadOnlyList<NetworkLink> Networks { get; set; } = [];
        public IReadOnlyList<Member> Members { get; set; } = [];
    }

    public sealed class NetworkLink
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public bool IsArchived { get; init; }
    }

    public sealed class Member
    {
        public Guid Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
    }

    private const string InstitutionSql = """
        SELECT id, name, type, membership, address, postcode, main_contact_id, notes, created_at, archived_at
        FROM networks_institution WHERE id = @id
        """;

    private const string ContactSql = $"""
        SELECT COALESCE(p.preferred_name, p.full_name) FROM networks_person p
        WHERE p.id = @contactId AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
        """;

    private const string NetworksSql = """
        SELECT n.id, n.name, CASE WHEN n.archived_at IS NULL THEN 0 ELSE 1 END AS is_archived
        FROM networks_institution_network inn JOIN networks_network n ON n.id = inn.network_id
        WHERE inn.institution_id = @id
        ORDER BY lower(n.name), n.id
        """;

    private const string MemberCountSql = """
        SELECT COUNT(*) FROM networks_affiliation a JOIN networks_person p ON p.id = a.person_id
        WHERE a.institution_id = @id AND p.erased_at IS NULL AND p.merged_into IS NULL
        """;

    private const string MembersSql = $"""
        SELECT p.id, COALESCE(p.preferred_name, p.full_name) AS display_name, a.role
        FROM networks_affiliation a JOIN networks_person p ON p.id = a.person_id
        WHERE a.institution_id = @id AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
        ORDER BY CASE a.role WHEN 'leader' THEN 0 ELSE 1 END, lower(p.full_name), p.id
        LIMIT @limit
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope) : IQueryHandler<Query, Details?>
    {
        public async ValueTask<Details?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var details = await connection.QuerySingleOrDefaultAsync<Details>(new CommandDefinition(InstitutionSql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
            if (details is null) return null;
            if (details.MainContactId is { } contactId)
            {
                details.MainContactName = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ContactSql,
                    (await scope.WithAsync(new { contactId }, ct)), session.Transaction, cancellationToken: ct));
            }
            details.Networks = (await connection.QueryAsync<NetworkLink>(new CommandDefinition(NetworksSql, new { id = query.Id }, session.Transaction, cancellationToken: ct))).ToList();
            details.MemberCount = await connection.ExecuteScalarAsync<int>(new CommandDefinition(MemberCountSql, new { id = query.Id }, session.Transaction, cancellationToken: ct));
            details.Members = (await connection.QueryAsync<Member>(new CommandDefinition(MembersSql,
                (await scope.WithAsync(new { id = query.Id, limit = MaxMembersShown }, ct)), session.Transaction, cancellationToken: ct))).ToList();
            return details;
        }
    }
}
