using System.Data.Common;
using Dapper;

namespace Organising.Networks.People;

/// <summary>
/// One current person's stored fields, as the edit form, saving (to name what changed) and merging read them:
/// only someone the user may see, never an erased or merged-away record.
/// </summary>
internal class StoredPerson
{
    public Guid Id { get; init; }
    public string FullName { get; init; } = "";
    public string? PreferredName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Postcode { get; init; }
    public string? PreferredLanguage { get; init; }
    public string? ContactChannel { get; init; }
    public string? AccessNeeds { get; init; }
    public bool NewToInvolvement { get; init; }
    public string? HowWeMet { get; init; }
    public string? Ethnicity { get; init; }
    public string? Faith { get; init; }
    public string? HealthConditions { get; init; }
    public string? ExternalId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    private const string Sql = $"""
        SELECT p.id, p.full_name, p.preferred_name, p.email, p.phone, p.postcode, p.preferred_language, p.contact_channel, p.access_needs,
               p.new_to_involvement, p.how_we_met, p.ethnicity, p.faith, p.health_conditions, p.external_id, p.created_at
        FROM networks_person p
        WHERE p.id = @id AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter}
        """;

    /// <summary>The person, read as <typeparamref name="T"/> (which may add fields of its own to fill), or null.</summary>
    public static async Task<T?> LoadAsync<T>(DbConnection connection, DbTransaction? transaction, PeopleScope scope, Guid id, CancellationToken ct)
        where T : StoredPerson =>
        await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(Sql, await scope.WithAsync(new { id }, ct), transaction, cancellationToken: ct));
}
