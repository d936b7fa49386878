using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// Merges a duplicate record into the one that survives, all in one transaction: the survivor keeps its own
/// values and takes the duplicate's where it has none; every role, network, affiliation, consent record, note
/// and institution contact moves across (shared networks and institutions once, a leader stays a leader);
/// values that differed are kept in a note on the survivor. The duplicate's row stays, emptied and marked
/// merged-into, so old links lead to the survivor. <see cref="PersonMerged"/> is published inside the
/// transaction, so other modules re-point their references in the same commit, or the merge does not happen.
/// </summary>
public static class MergePeople
{
    public sealed class Command : ICommand<Result>, IValidatable, IAuditedCommand
    {
        public Guid SurvivorId { get; set; }
        public Guid DuplicateId { get; set; }
        public bool Confirmed { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (SurvivorId == DuplicateId) yield return new FieldError("", "Choose two different records to merge.");
            if (!Confirmed) yield return new FieldError(nameof(Confirmed), "Tick the box to confirm these records are the same person.");
        }

        public AuditEntry? DescribeForAudit(object? response) => response is Result r
            ? new("networks.people-merged", "person", SurvivorId.ToString(),
                $"Record {DuplicateId} merged into this one: {r.Networks} network, {r.Affiliations} affiliation, {r.Consents} consent and {r.Notes} note records moved.")
            : null;
    }

    /// <summary>How many of each were moved from the duplicate (before removing those the survivor already had).</summary>
    public sealed record Result(int Networks, int Affiliations, int Consents, int Notes);

    private sealed class Counts
    {
        public int Networks { get; init; }
        public int Affiliations { get; init; }
        public int Consents { get; init; }
        public int Notes { get; init; }
    }


    private const string UpdateSurvivorSql = """
        UPDATE networks_person SET preferred_name = @PreferredName, email = @Email, email_normalized = @emailNormalized,
            phone = @Phone, phone_normalized = @phoneNormalized, postcode = @Postcode, postcode_normalized = @postcodeNormalized,
            preferred_language = @PreferredLanguage, contact_channel = @ContactChannel, access_needs = @AccessNeeds,
            new_to_involvement = @NewToInvolvement, how_we_met = @HowWeMet, ethnicity = @Ethnicity, faith = @Faith,
            health_conditions = @HealthConditions, external_id = @ExternalId, search_text = @searchText, updated_at = @now
        WHERE id = @survivorId
        """;

    private const string MoveRolesSql = """
        INSERT INTO networks_person_role (person_id, role) SELECT @survivorId, role FROM networks_person_role WHERE person_id = @duplicateId
        ON CONFLICT (person_id, role) DO NOTHING;
        DELETE FROM networks_person_role WHERE person_id = @duplicateId;
        """;
    private const string MoveNetworksSql = """
        INSERT INTO networks_person_network (person_id, network_id) SELECT @survivorId, network_id FROM networks_person_network WHERE person_id = @duplicateId
        ON CONFLICT (person_id, network_id) DO NOTHING;
        DELETE FROM networks_person_network WHERE person_id = @duplicateId;
        """;
    private const string MoveAffiliationsSql = """
        INSERT INTO networks_affiliation (person_id, institution_id, role) SELECT @survivorId, institution_id, role FROM networks_affiliation WHERE person_id = @duplicateId
        ON CONFLICT (person_id, institution_id) DO UPDATE SET role = CASE WHEN excluded.role = 'leader' THEN 'leader' ELSE networks_affiliation.role END;
        DELETE FROM networks_affiliation WHERE person_id = @duplicateId;
        """;
    private const string CountsSql = """
        SELECT (SELECT COUNT(*) FROM networks_person_network WHERE person_id = @duplicateId) AS Networks,
               (SELECT COUNT(*) FROM networks_affiliation WHERE person_id = @duplicateId) AS Affiliations,
               (SELECT COUNT(*) FROM networks_consent WHERE person_id = @duplicateId) AS Consents,
               (SELECT COUNT(*) FROM networks_person_note WHERE person_id = @duplicateId) AS Notes
        """;
    private const string MoveRestSql = """
        UPDATE networks_consent SET person_id = @survivorId WHERE person_id = @duplicateId;
        UPDATE networks_person_note SET person_id = @survivorId WHERE person_id = @duplicateId;
        UPDATE networks_institution SET main_contact_id = @survivorId WHERE main_contact_id = @duplicateId;
        UPDATE networks_person SET merged_into = @survivorId WHERE merged_into = @duplicateId;
        """;
    /// <summary>The duplicate's row keeps only its id, dates and creator: its data now lives on the survivor.</summary>
    private const string EmptyDuplicateSql = """
        UPDATE networks_person SET full_name = 'Merged record', preferred_name = NULL, email = NULL, email_normalized = NULL,
            phone = NULL, phone_normalized = NULL, postcode = NULL, postcode_normalized = NULL, preferred_language = NULL,
            contact_channel = NULL, access_needs = NULL, new_to_involvement = 0, how_we_met = NULL, ethnicity = NULL, faith = NULL,
            health_conditions = NULL, external_id = NULL, search_text = '', merged_into = @survivorId, updated_at = @now
        WHERE id = @duplicateId
        """;
    private const string InsertNoteSql = """
        INSERT INTO networks_person_note (id, person_id, body, created_at, created_by, created_by_name)
        VALUES (@id, @survivorId, @body, @now, @userId, @userName)
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope, ICurrentUser user, IPublisher publisher, AuditLog audit, TimeProvider time)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken ct)
        {
            if (!scope.MayMergeAndErase) throw new ValidationFailedException("", "Only Organisers may merge records.");
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Q(string sql, object args) => new(sql, args, session.Transaction, cancellationToken: ct);
            var survivor = await StoredPerson.LoadAsync<StoredPerson>(connection, session.Transaction, scope, command.SurvivorId, ct);
            var duplicate = await StoredPerson.LoadAsync<StoredPerson>(connection, session.Transaction, scope, command.DuplicateId, ct);
            if (survivor is null || duplicate is null)
            {
                throw new ValidationFailedException("", "One of these records no longer exists, was already merged or erased, or is not yours to change.");
            }

            var now = time.GetUtcNow();
            var ids = new { survivorId = command.SurvivorId, duplicateId = command.DuplicateId, now };
            var moved = await connection.QuerySingleAsync<Counts>(Q(CountsSql, ids));
            var counts = new Result(moved.Networks, moved.Affiliations, moved.Consents, moved.Notes);

            var merged = new StoredPerson
            {
                Id = survivor.Id, FullName = survivor.FullName, CreatedAt = survivor.CreatedAt,
                PreferredName = survivor.PreferredName ?? duplicate.PreferredName,
                Email = survivor.Email ?? duplicate.Email,
                Phone = survivor.Phone ?? duplicate.Phone,
                Postcode = survivor.Postcode ?? duplicate.Postcode,
                PreferredLanguage = survivor.PreferredLanguage ?? duplicate.PreferredLanguage,
                ContactChannel = survivor.ContactChannel ?? duplicate.ContactChannel,
                AccessNeeds = survivor.AccessNeeds ?? duplicate.AccessNeeds,
                NewToInvolvement = survivor.NewToInvolvement || duplicate.NewToInvolvement,
                HowWeMet = survivor.HowWeMet ?? duplicate.HowWeMet,
                Ethnicity = survivor.Ethnicity ?? duplicate.Ethnicity,
                Faith = survivor.Faith ?? duplicate.Faith,
                HealthConditions = survivor.HealthConditions ?? duplicate.HealthConditions,
                ExternalId = survivor.ExternalId ?? duplicate.ExternalId,
            };
            await connection.ExecuteAsync(Q(UpdateSurvivorSql, new
            {
                merged.PreferredName, merged.Email, emailNormalized = PersonSearchText.NormaliseEmail(merged.Email),
                merged.Phone, phoneNormalized = PersonSearchText.NormalisePhone(merged.Phone),
                merged.Postcode, postcodeNormalized = PersonSearchText.NormalisePostcode(merged.Postcode),
                merged.PreferredLanguage, merged.ContactChannel, merged.AccessNeeds, merged.NewToInvolvement, merged.HowWeMet,
                merged.Ethnicity, merged.Faith, merged.HealthConditions, merged.ExternalId,
                searchText = PersonSearchText.Build(merged.FullName, merged.PreferredName, merged.Email, merged.Phone, merged.Postcode),
                survivorId = command.SurvivorId, now,
            }));

            foreach (var sql in new[] { MoveRolesSql, MoveNetworksSql, MoveAffiliationsSql, MoveRestSql }) await connection.ExecuteAsync(Q(sql, ids));
            await connection.ExecuteAsync(Q(EmptyDuplicateSql, ids));

            if (DifferencesNote(survivor, duplicate) is { } body)
            {
                await connection.ExecuteAsync(Q(InsertNoteSql, new
                {
                    id = Guid.CreateVersion7(), survivorId = command.SurvivorId, body, now, userId = user.Id, userName = user.Name,
                }));
            }

            await audit.WriteAsync(new AuditEntry("networks.person-merged-away", "person", command.DuplicateId.ToString(),
                $"This record was merged into {command.SurvivorId}."), ct);
            await publisher.Publish(new PersonMerged(DuplicateId: command.DuplicateId, SurvivorId: command.SurvivorId), ct);
            return counts;
        }

        /// <summary>The duplicate's values that the survivor did not take because it had its own: kept, so nothing is lost.</summary>
        private static string? DifferencesNote(StoredPerson survivor, StoredPerson duplicate)
        {
            var lines = new List<string>();
            void Compare(string label, string? kept, string? other, Func<string?, string?>? key = null)
            {
                key ??= v => v?.Trim();
                if (!string.IsNullOrWhiteSpace(kept) && !string.IsNullOrWhiteSpace(other)
                    && !string.Equals(key(kept), key(other), StringComparison.OrdinalIgnoreCase))
                {
                    lines.Add($"{label}: {other.Trim()}");
                }
            }
            Compare("Full name", survivor.FullName, duplicate.FullName);
            Compare("Preferred name", survivor.PreferredName, duplicate.PreferredName);
            Compare("E-mail", survivor.Email, duplicate.Email);
            Compare("Phone", survivor.Phone, duplicate.Phone, PersonSearchText.NormalisePhone);
            Compare("Postcode", survivor.Postcode, duplicate.Postcode, PersonSearchText.NormalisePostcode);
            Compare("Preferred language", survivor.PreferredLanguage, duplicate.PreferredLanguage);
            Compare("Contact channel", survivor.ContactChannel, duplicate.ContactChannel);
            Compare("Access needs", survivor.AccessNeeds, duplicate.AccessNeeds);
            Compare("How we met", survivor.HowWeMet, duplicate.HowWeMet);
            Compare("External id", survivor.ExternalId, duplicate.ExternalId);
            return lines.Count == 0 ? null
                : $"Merged with another record of this person (added {duplicate.CreatedAt:yyyy-MM-dd}). Its values that differed from these:\n{string.Join("\n", lines)}";
        }
    }
}
