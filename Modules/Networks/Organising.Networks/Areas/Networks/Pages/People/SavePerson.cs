using System.ComponentModel.DataAnnotations;
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
/// Adding and editing a person are one command: no Id adds, an Id edits. Roles, networks and affiliations
/// are replaced as a whole. Special-category fields are written only by those who may see them, and only
/// while the person's consent to special-category data is "given".
/// </summary>
public static class SavePerson
{
    public const int MaxAffiliations = 20;

    /// <summary>The refusal's pseudo-field carrying the id of the visible person who already has the e-mail address.</summary>
    public const string ExistingPersonField = "ExistingPersonId";

    public sealed class Command : ICommand<Guid>, IValidatable
    {
        public Guid? Id { get; set; }

        [Required(ErrorMessage = "Enter their full name.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the full name.")]
        public string FullName { get; set; } = "";

        [StringLength(100, ErrorMessage = "Use at most 100 characters for the preferred name.")]
        public string? PreferredName { get; set; }

        [EmailAddress(ErrorMessage = "Enter an e-mail address like name@example.org.")]
        [StringLength(254, ErrorMessage = "Use at most 254 characters for the e-mail address.")]
        public string? Email { get; set; }

        [StringLength(40, ErrorMessage = "Use at most 40 characters for the phone number.")]
        public string? Phone { get; set; }

        [StringLength(12, ErrorMessage = "Use at most 12 characters for the postcode.")]
        public string? Postcode { get; set; }

        /// <summary>A code from the organisation's languages, or <see cref="PersonOptions.OtherLanguage"/> with <see cref="OtherLanguage"/>.</summary>
        [StringLength(20, ErrorMessage = "Choose a language from the list.")]
        public string? PreferredLanguage { get; set; }

        [StringLength(60, ErrorMessage = "Use at most 60 characters for the language.")]
        public string? OtherLanguage { get; set; }

        [StringLength(20, ErrorMessage = "Choose a contact channel from the list.")]
        public string? ContactChannel { get; set; }

        [StringLength(1000, ErrorMessage = "Use at most 1,000 characters for access needs.")]
        public string? AccessNeeds { get; set; }

        public List<string> Roles { get; set; } = [];

        public List<Guid> NetworkIds { get; set; } = [];

        public List<Affiliation> Affiliations { get; set; } = [];

        public bool NewToInvolvement { get; set; }

        [StringLength(1000, ErrorMessage = "Use at most 1,000 characters for how we met.")]
        public string? HowWeMet { get; set; }

        [StringLength(200, ErrorMessage = "Use at most 200 characters for ethnicity.")]
        public string? Ethnicity { get; set; }

        [StringLength(200, ErrorMessage = "Use at most 200 characters for faith.")]
        public string? Faith { get; set; }

        [StringLength(2000, ErrorMessage = "Use at most 2,000 characters for health conditions.")]
        public string? HealthConditions { get; set; }

        /// <summary>Adding only: purposes they consented to just now (recorded before any special-category field).</summary>
        public List<string> ConsentsGiven { get; set; } = [];

        [StringLength(20, ErrorMessage = "Choose how they gave consent.")]
        public string? ConsentChannel { get; set; }

        [StringLength(200, ErrorMessage = "Use at most 200 characters for the wording version.")]
        public string? ConsentWording { get; set; }

        public bool HasSpecialCategory =>
            !string.IsNullOrWhiteSpace(Ethnicity) || !string.IsNullOrWhiteSpace(Faith) || !string.IsNullOrWhiteSpace(HealthConditions);

        public IEnumerable<FieldError> Validate()
        {
            if (!string.IsNullOrWhiteSpace(Phone))
            {
                var digits = PersonSearchText.NormalisePhone(Phone)?.Length ?? 0;
                if (digits < 7 || digits > 15 || Phone.Any(c => !char.IsAsciiDigit(c) && " +-().".IndexOf(c) < 0))
                    yield return new FieldError(nameof(Phone), "Enter a phone number of 7 to 15 digits, like 07700 900123.");
            }
            if (!string.IsNullOrWhiteSpace(Postcode) && !PersonSearchText.IsPostcode(Postcode))
                yield return new FieldError(nameof(Postcode), "Enter a UK postcode like E14 5AB.");
            if (!string.IsNullOrWhiteSpace(PreferredLanguage) && PreferredLanguage != PersonOptions.OtherLanguage && !PersonOptions.IsKnownLanguage(PreferredLanguage))
                yield return new FieldError(nameof(PreferredLanguage), "Choose a language from the list.");
            if (PreferredLanguage == PersonOptions.OtherLanguage && string.IsNullOrWhiteSpace(OtherLanguage))
                yield return new FieldError(nameof(OtherLanguage), "Enter the language they prefer.");
            if (!string.IsNullOrWhiteSpace(ContactChannel) && !PersonOptions.ContactChannels.Contains(ContactChannel))
                yield return new FieldError(nameof(ContactChannel), "Choose a contact channel from the list.");
            if (Roles.Count > PersonOptions.Roles.Count || Roles.Any(r => !PersonOptions.Roles.Contains(r)))
                yield return new FieldError(nameof(Roles), "Choose roles from the list.");
            if (NetworkIds.Count > 200)
                yield return new FieldError(nameof(NetworkIds), "Choose at most 200 networks.");

            var rows = Affiliations.Where(a => a.InstitutionId is not null).ToList();
            if (rows.Count > MaxAffiliations)
                yield return new FieldError(nameof(Affiliations), $"Record at most {MaxAffiliations} affiliations.");
            else if (rows.Any(a => !PersonOptions.AffiliationRoles.Contains(a.Role)))
                yield return new FieldError(nameof(Affiliations), "Choose leader or member for each institution.");
            else if (rows.GroupBy(a => a.InstitutionId).Any(g => g.Count() > 1))
                yield return new FieldError(nameof(Affiliations), "Each institution can appear only once.");

            if (ConsentsGiven.Count > 0)
            {
                if (Id is not null) yield return new FieldError(nameof(ConsentsGiven), "Record consent on their page.");
                if (ConsentsGiven.Any(p => !ConsentPurposes.All.Contains(p))) yield return new FieldError(nameof(ConsentsGiven), "Choose purposes from the list.");
                if (string.IsNullOrWhiteSpace(ConsentChannel) || !Consents.Channels.Contains(ConsentChannel))
                    yield return new FieldError(nameof(ConsentChannel), "Choose how they gave consent: on paper, verbally or online.");
                if (string.IsNullOrWhiteSpace(ConsentWording))
                    yield return new FieldError(nameof(ConsentWording), "Enter the version of the consent wording they agreed to.");
            }
        }
    }

    public sealed class Affiliation
    {
        public Guid? InstitutionId { get; set; }
        public string Role { get; set; } = "member";
    }

    /// <summary>The stored values an edit compares against, to name what changed, with its links as text.</summary>
    private sealed class Stored : StoredPerson
    {
        public string Roles { get; set; } = "";
        public string Networks { get; set; } = "";
        public string Affiliations { get; set; } = "";
    }

    private sealed class Duplicate
    {
        public Guid Id { get; init; }
        public string FullName { get; init; } = "";
        public bool Visible { get; init; }
    }

    private const string StoredRolesSql = "SELECT role FROM networks_person_role WHERE person_id = @id ORDER BY role";
    private const string StoredNetworksSql = "SELECT network_id FROM networks_person_network WHERE person_id = @id ORDER BY network_id";
    private const string StoredAffiliationsSql = "SELECT institution_id || ':' || role FROM networks_affiliation WHERE person_id = @id ORDER BY institution_id";

    private const string DuplicateSql = $"""
        SELECT p.id, p.full_name, CASE WHEN {PeopleScope.SqlFilter} THEN 1 ELSE 0 END AS visible
        FROM networks_person p
        WHERE p.email_normalized = @email AND p.erased_at IS NULL AND p.merged_into IS NULL AND (@id IS NULL OR p.id <> @id)
        ORDER BY p.id LIMIT 1
        """;
    private const string KnownNetworksSql = "SELECT COUNT(*) FROM networks_network WHERE id IN (SELECT value FROM json_each(@ids))";
    private const string KnownInstitutionsSql = "SELECT COUNT(*) FROM networks_institution WHERE id IN (SELECT value FROM json_each(@ids))";

    private const string InsertSql = """
        INSERT INTO networks_person (id, full_name, preferred_name, email, email_normalized, phone, phone_normalized, postcode, postcode_normalized,
            preferred_language, contact_channel, access_needs, new_to_involvement, how_we_met, ethnicity, faith, health_conditions,
            search_text, created_at, created_by, updated_at)
        VALUES (@id, @fullName, @preferredName, @email, @emailNormalized, @phone, @phoneNormalized, @postcode, @postcodeNormalized,
            @preferredLanguage, @contactChannel, @accessNeeds, @newToInvolvement, @howWeMet, @ethnicity, @faith, @healthConditions,
            @searchText, @now, @userId, @now)
        """;
    private const string UpdateSql = """
        UPDATE networks_person SET full_name = @fullName, preferred_name = @preferredName, email = @email, email_normalized = @emailNormalized,
            phone = @phone, phone_normalized = @phoneNormalized, postcode = @postcode, postcode_normalized = @postcodeNormalized,
            preferred_language = @preferredLanguage, contact_channel = @contactChannel, access_needs = @accessNeeds,
            new_to_involvement = @newToInvolvement, how_we_met = @howWeMet, ethnicity = @ethnicity, faith = @faith,
            health_conditions = @healthConditions, search_text = @searchText, updated_at = @now
        WHERE id = @id
        """;
    private const string DeleteLinksSql = """
        DELETE FROM networks_person_role WHERE person_id = @id;
        DELETE FROM networks_person_network WHERE person_id = @id;
        DELETE FROM networks_affiliation WHERE person_id = @id;
        """;
    private const string InsertRoleSql = "INSERT INTO networks_person_role (person_id, role) VALUES (@id, @role)";
    private const string InsertNetworkSql = "INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @networkId)";
    private const string InsertAffiliationSql = "INSERT INTO networks_affiliation (person_id, institution_id, role) VALUES (@id, @institutionId, @role)";
    private const string InsertConsentSql = """
        INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_by, recorded_by_name, recorded_at)
        VALUES (@consentId, @id, @purpose, 'given', @wording, @occurredOn, @channel, @userId, @userName, @now)
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope, ICurrentUser user, AuditLog audit, TimeProvider time,
        Organising.Platform.Settings.OrganisationTime localTime) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            if (!scope.MayAddPeople) throw new ValidationFailedException("", "You may not add or change people.");
            var connection = await session.ConnectionAsync(ct);
            CommandDefinition Q(string sql, object args) => new(sql, args, session.Transaction, cancellationToken: ct);

            Stored? stored = null;
            if (command.Id is { } existingId)
            {
                stored = await StoredPerson.LoadAsync<Stored>(connection, session.Transaction, scope, existingId, ct)
                    ?? throw new ValidationFailedException("", "That person's record no longer exists, or is not yours to change.");
                stored.Roles = string.Join(",", await connection.QueryAsync<string>(Q(StoredRolesSql, new { id = existingId })));
                stored.Networks = string.Join(",", await connection.QueryAsync<string>(Q(StoredNetworksSql, new { id = existingId })));
                stored.Affiliations = string.Join(",", await connection.QueryAsync<string>(Q(StoredAffiliationsSql, new { id = existingId })));
            }
            var id = command.Id ?? Guid.CreateVersion7();

            var email = Blank(command.Email);
            var emailNormalized = PersonSearchText.NormaliseEmail(email);
            if (emailNormalized is not null
                && await connection.QuerySingleOrDefaultAsync<Duplicate>(Q(DuplicateSql, (await scope.WithAsync(new { email = emailNormalized, id = command.Id }, ct)))) is { } duplicate)
            {
                throw duplicate.Visible
                    ? new ValidationFailedException([
                        new FieldError(nameof(Command.Email), $"{duplicate.FullName} is already recorded with this e-mail address."),
                        new FieldError(ExistingPersonField, duplicate.Id.ToString()),
                    ])
                    : new ValidationFailedException(nameof(Command.Email), "Someone is already recorded with this e-mail address. Ask an Organiser to find them.");
            }

            var networkIds = command.NetworkIds.Distinct().ToList();
            if (networkIds.Count > 0 && await connection.ExecuteScalarAsync<int>(Q(KnownNetworksSql, new { ids = SqlText.IdList(networkIds) })) != networkIds.Count)
                throw new ValidationFailedException(nameof(Command.NetworkIds), "One of the chosen networks no longer exists.");
            var affiliations = command.Affiliations.Where(a => a.InstitutionId is not null).ToList();
            if (affiliations.Count > 0 && await connection.ExecuteScalarAsync<int>(Q(KnownInstitutionsSql, new { ids = SqlText.IdList(affiliations.Select(a => a.InstitutionId!.Value)) })) != affiliations.Count)
                throw new ValidationFailedException(nameof(Command.Affiliations), "One of the chosen institutions no longer exists.");

            var now = time.GetUtcNow();
            string? ethnicity, faith, healthConditions;
            if (scope.SeesSpecialCategory)
            {
                (ethnicity, faith, healthConditions) = (Blank(command.Ethnicity), Blank(command.Faith), Blank(command.HealthConditions));
                if (command.HasSpecialCategory && !await SpecialCategoryConsentAsync(connection, command, ct))
                {
                    throw new ValidationFailedException(nameof(Command.Ethnicity),
                        "Record their consent to special-category data first: ethnicity, faith and health conditions are kept only with it.");
                }
            }
            else
            {
                if (command.HasSpecialCategory) throw new ValidationFailedException(nameof(Command.Ethnicity), "Only Organisers may record ethnicity, faith or health conditions.");
                (ethnicity, faith, healthConditions) = (stored?.Ethnicity, stored?.Faith, stored?.HealthConditions);
            }

            var language = command.PreferredLanguage == PersonOptions.OtherLanguage ? Blank(command.OtherLanguage) : Blank(command.PreferredLanguage);
            var fullName = command.FullName.Trim();
            var preferredName = Blank(command.PreferredName);
            var phone = Blank(command.Phone);
            var postcode = PersonSearchText.FormatPostcode(command.Postcode);
            var args = new
            {
                id, fullName, preferredName, email, emailNormalized, phone, phoneNormalized = PersonSearchText.NormalisePhone(phone),
                postcode, postcodeNormalized = PersonSearchText.NormalisePostcode(postcode), preferredLanguage = language,
                contactChannel = Blank(command.ContactChannel), accessNeeds = Blank(command.AccessNeeds),
                newToInvolvement = command.NewToInvolvement, howWeMet = Blank(command.HowWeMet),
                ethnicity, faith, healthConditions,
                searchText = PersonSearchText.Build(fullName, preferredName, email, phone, postcode),
                now, userId = user.Id,
            };

            if (stored is null)
            {
                await connection.ExecuteAsync(Q(InsertSql, args));
            }
            else
            {
                await connection.ExecuteAsync(Q(UpdateSql, args));
                await connection.ExecuteAsync(Q(DeleteLinksSql, new { id }));
            }
            foreach (var role in command.Roles.Distinct()) await connection.ExecuteAsync(Q(InsertRoleSql, new { id, role }));
            foreach (var networkId in networkIds) await connection.ExecuteAsync(Q(InsertNetworkSql, new { id, networkId }));
            foreach (var a in affiliations) await connection.ExecuteAsync(Q(InsertAffiliationSql, new { id, institutionId = a.InstitutionId, role = a.Role }));

            if (stored is null)
            {
                if (command.ConsentsGiven.Count > 0)
                {
                    var occurredOn = DateOnly.FromDateTime((await localTime.ToLocalAsync(now)).DateTime).ToString("yyyy-MM-dd");
                    foreach (var purpose in command.ConsentsGiven.Distinct())
                    {
                        await connection.ExecuteAsync(Q(InsertConsentSql, new
                        {
                            consentId = Guid.CreateVersion7(), id, purpose, wording = command.ConsentWording!.Trim(), occurredOn,
                            channel = command.ConsentChannel, userId = user.Id, userName = user.Name, now,
                        }));
                    }
                }
                var consentNote = command.ConsentsGiven.Count > 0 ? $" Consent recorded for: {string.Join(", ", command.ConsentsGiven.Distinct())}." : "";
                var specialNote = ethnicity is not null || faith is not null || healthConditions is not null ? " Special-category data recorded." : "";
                await audit.WriteAsync(new AuditEntry("networks.person-created", "person", id.ToString(), $"Person added.{consentNote}{specialNote}"), ct);
            }
            else
            {
                var changed = Changes(stored, args.fullName, args.preferredName, args.email, args.phone, args.postcode, args.preferredLanguage,
                    args.contactChannel, args.accessNeeds, args.newToInvolvement, args.howWeMet, ethnicity, faith, healthConditions,
                    string.Join(",", command.Roles.Distinct().Order()), string.Join(",", networkIds.Select(n => n.ToString()).Order()),
                    string.Join(",", affiliations.Select(a => $"{a.InstitutionId}:{a.Role}").Order()));
                await audit.WriteAsync(new AuditEntry("networks.person-edited", "person", id.ToString(),
                    changed.Count == 0 ? "Person saved; nothing changed." : $"Person edited: {string.Join(", ", changed)} changed."), ct);
            }
            return id;
        }

        private async Task<bool> SpecialCategoryConsentAsync(System.Data.Common.DbConnection connection, Command command, CancellationToken ct)
        {
            if (command.Id is null) return command.ConsentsGiven.Contains(ConsentPurposes.SpecialCategory);
            var current = await connection.QueryAsync<Consents.Current>(new CommandDefinition(Consents.CurrentForPeopleSql,
                new { personIds = SqlText.IdList([command.Id.Value]) }, session.Transaction, cancellationToken: ct));
            return current.Any(c => c.Purpose == ConsentPurposes.SpecialCategory && c.State == "given");
        }

        private static List<string> Changes(Stored s, string fullName, string? preferredName, string? email, string? phone, string? postcode,
            string? language, string? channel, string? accessNeeds, bool newToInvolvement, string? howWeMet,
            string? ethnicity, string? faith, string? healthConditions, string roles, string networks, string affiliations)
        {
            var changed = new List<string>();
            void Check(string label, object? before, object? after) { if (!Equals(before, after)) changed.Add(label); }
            Check("full name", s.FullName, fullName);
            Check("preferred name", s.PreferredName, preferredName);
            Check("e-mail", s.Email, email);
            Check("phone", s.Phone, phone);
            Check("postcode", s.Postcode, postcode);
            Check("preferred language", s.PreferredLanguage, language);
            Check("contact channel", s.ContactChannel, channel);
            Check("access needs", s.AccessNeeds, accessNeeds);
            Check("new to involvement", s.NewToInvolvement, newToInvolvement);
            Check("how we met", s.HowWeMet, howWeMet);
            Check("ethnicity (special category)", s.Ethnicity, ethnicity);
            Check("faith (special category)", s.Faith, faith);
            Check("health conditions (special category)", s.HealthConditions, healthConditions);
            Check("roles", string.Join(",", s.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries).Order()), roles);
            Check("networks", string.Join(",", s.Networks.Split(',', StringSplitOptions.RemoveEmptyEntries).Order()), networks);
            Check("affiliations", string.Join(",", s.Affiliations.Split(',', StringSplitOptions.RemoveEmptyEntries).Order()), affiliations);
            return changed;
        }

        private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }
}
