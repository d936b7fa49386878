using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.Web;

namespace Organising.Networks.Areas.Networks.Pages.Duplicates;

/// <summary>
/// Pairs of current people who are probably one person: the same e-mail, the same phone, or the same postcode
/// with a similar name (same first initial and same last word of the full name, ignoring case). Each reason
/// first groups its partial index (migration 0008) to find the shared values, then pairs only the people
/// holding them, so the cost is one pass over three indexes however many people there are.
/// </summary>
public static class FindDuplicates
{
    /// <summary>PersonId narrows to the pairs that include that person; PageSize null means every pair (the CSV).</summary>
    public sealed record Query(int Page, int? PageSize, Guid? PersonId = null) : IQuery<Result>;

    public sealed class Person
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public string? PreferredName { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Postcode { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
    }

    public sealed class Pair
    {
        public Person First { get; init; } = new();
        public Person Second { get; init; } = new();
        public bool SameEmail { get; init; }
        public bool SamePhone { get; init; }
        public bool SimilarNameSamePostcode { get; init; }

        public IEnumerable<string> Reasons =>
            new[] { (SameEmail, "Same e-mail"), (SamePhone, "Same phone"), (SimilarNameSamePostcode, "Similar name and same postcode") }
                .Where(r => r.Item1).Select(r => r.Item2);
    }

    public sealed record Result(Paged<Pair> Pairs);

    /// <summary>The similar-name key of a person aliased <paramref name="alias"/>: first initial, a space, the last word of the name.
    /// It must stay character for character the expression of ix_networks_person_current_postcode_name, or the index is not used.</summary>
    private const string NameKeyP = "substr(lower(trim(p.full_name)), 1, 1) || ' ' || substr(lower(trim(p.full_name)), length(rtrim(lower(trim(p.full_name)), replace(lower(trim(p.full_name)), ' ', ''))) + 1)";
    private const string NameKeyQ = "substr(lower(trim(q.full_name)), 1, 1) || ' ' || substr(lower(trim(q.full_name)), length(rtrim(lower(trim(q.full_name)), replace(lower(trim(q.full_name)), ' ', ''))) + 1)";
    private const string NameKey = "substr(lower(trim(full_name)), 1, 1) || ' ' || substr(lower(trim(full_name)), length(rtrim(lower(trim(full_name)), replace(lower(trim(full_name)), ' ', ''))) + 1)";
    private const string Current = "erased_at IS NULL AND merged_into IS NULL";

    /// <summary>Every pair: group each index to find the values held more than once, then pair the people holding them.</summary>
    internal const string AllPairsSql = $"""
        WITH emails AS (
            SELECT email_normalized AS k FROM networks_person
            WHERE email_normalized IS NOT NULL AND {Current}
            GROUP BY email_normalized HAVING COUNT(*) > 1),
        phones AS (
            SELECT phone_normalized AS k FROM networks_person
            WHERE phone_normalized IS NOT NULL AND {Current}
            GROUP BY phone_normalized HAVING COUNT(*) > 1),
        names AS (
            SELECT postcode_normalized AS pc, {NameKey} AS k FROM networks_person
            WHERE postcode_normalized IS NOT NULL AND {Current}
            GROUP BY postcode_normalized, {NameKey} HAVING COUNT(*) > 1),
        pairs AS (
            SELECT p.id AS first_id, q.id AS second_id, 1 AS email, 0 AS phone, 0 AS name
            FROM emails g
            JOIN networks_person p ON p.email_normalized = g.k AND p.erased_at IS NULL AND p.merged_into IS NULL
            JOIN networks_person q ON q.email_normalized = g.k AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id > p.id
            UNION ALL
            SELECT p.id, q.id, 0, 1, 0
            FROM phones g
            JOIN networks_person p ON p.phone_normalized = g.k AND p.erased_at IS NULL AND p.merged_into IS NULL
            JOIN networks_person q ON q.phone_normalized = g.k AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id > p.id
            UNION ALL
            SELECT p.id, q.id, 0, 0, 1
            FROM names g
            JOIN networks_person p ON p.postcode_normalized = g.pc AND {NameKeyP} = g.k AND p.erased_at IS NULL AND p.merged_into IS NULL
            JOIN networks_person q ON q.postcode_normalized = g.pc AND {NameKeyQ} = g.k AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id > p.id)
        {PageOfPairs}
        """;

    /// <summary>One person's pairs: index lookups on their own values, never a pass over everyone.</summary>
    internal const string PersonPairsSql = $"""
        WITH me AS (
            SELECT p.id, p.email_normalized, p.phone_normalized, p.postcode_normalized, {NameKeyP} AS k
            FROM networks_person p WHERE p.id = @personId AND p.erased_at IS NULL AND p.merged_into IS NULL),
        others AS (
            SELECT q.id AS other_id, 1 AS email, 0 AS phone, 0 AS name
            FROM me JOIN networks_person q ON q.email_normalized = me.email_normalized AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id <> me.id
            UNION ALL
            SELECT q.id, 0, 1, 0
            FROM me JOIN networks_person q ON q.phone_normalized = me.phone_normalized AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id <> me.id
            UNION ALL
            SELECT q.id, 0, 0, 1
            FROM me JOIN networks_person q ON q.postcode_normalized = me.postcode_normalized AND {NameKeyQ} = me.k
                AND q.erased_at IS NULL AND q.merged_into IS NULL AND q.id <> me.id),
        pairs AS (
            SELECT CASE WHEN o.other_id > @personId THEN @personId ELSE o.other_id END AS first_id,
                   CASE WHEN o.other_id > @personId THEN o.other_id ELSE @personId END AS second_id,
                   o.email, o.phone, o.name
            FROM others o)
        {PageOfPairs}
        """;

    /// <summary>The pairs CTE grouped into one row per pair with all its reasons, ordered, one page, with the total.</summary>
    private const string PageOfPairs = """
        , grouped AS (
            SELECT first_id, second_id, MAX(email) AS same_email, MAX(phone) AS same_phone, MAX(name) AS similar_name
            FROM pairs GROUP BY first_id, second_id)
        SELECT g.same_email, g.same_phone, g.similar_name, COUNT(*) OVER () AS total,
               p.id, p.full_name, p.preferred_name, p.email, p.phone, p.postcode, p.created_at,
               q.id, q.full_name, q.preferred_name, q.email, q.phone, q.postcode, q.created_at
        FROM grouped g
        JOIN networks_person p ON p.id = g.first_id
        JOIN networks_person q ON q.id = g.second_id
        ORDER BY lower(p.full_name), p.id, q.id
        LIMIT @limit OFFSET @offset
        """;

    private sealed class Flags
    {
        public bool SameEmail { get; init; }
        public bool SamePhone { get; init; }
        public bool SimilarName { get; init; }
        public int Total { get; init; }
    }

    internal sealed class Handler(DbSession session, PeopleScope scope) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken ct)
        {
            var size = query.PageSize is { } s ? Math.Clamp(s, 1, Paging.MaxPageSize) : int.MaxValue;
            var page = query.PageSize is null ? 1 : query.Page;
            // Telling two records apart needs sight of everyone: only those who see every person get pairs.
            if (!scope.SeesEveryone) return new Result(new Paged<Pair>([], 0, 1, Math.Min(size, Paging.MaxPageSize)));

            var connection = await session.ConnectionAsync(ct);
            var total = 0;
            var pairs = (await connection.QueryAsync<Flags, Person, Person, Pair>(new CommandDefinition(query.PersonId is null ? AllPairsSql : PersonPairsSql,
                new { personId = query.PersonId?.ToString("D"), limit = size, offset = Paging.Offset(page, Math.Min(size, Paging.MaxPageSize)) },
                session.Transaction, cancellationToken: ct),
                (flags, first, second) =>
                {
                    total = flags.Total;
                    return new Pair { First = first, Second = second, SameEmail = flags.SameEmail, SamePhone = flags.SamePhone, SimilarNameSamePostcode = flags.SimilarName };
                }, splitOn: "id,id")).ToList();
            if (pairs.Count == 0 && page > 1)
            {
                // Past the end (someone merged meanwhile): the total still tells the pager where the end is.
                total = (await Handle(query with { Page = 1 }, ct)).Pairs.Total;
            }
            return new Result(new Paged<Pair>(pairs, total, page, Math.Min(size, Paging.MaxPageSize)));
        }
    }
}
