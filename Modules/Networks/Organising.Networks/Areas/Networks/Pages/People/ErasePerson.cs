using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// Erasure: the person's row stays (so counts, consent history and other modules' references hold) but says
/// nothing about who they were. The name becomes "Erased person"; contact details, postcode, language, access
/// needs, how we met, special-category data and external id are removed, and so are notes about them and their
/// search text (the trigger takes them out of the search index). Consent records are kept as evidence of what
/// was agreed and when, but they hold no identity of their own. Records merged into this one are erased too.
/// <see cref="PersonErased"/> is published inside the transaction so other modules erase in the same commit.
/// </summary>
public static class ErasePerson
{
    public const string ErasedName = "Erased person";

    public sealed class Command : ICommand<bool>, IValidatable, IAuditedCommand
    {
        public Guid PersonId { get; set; }
        public bool Confirmed { get; set; }

        public IEnumerable<FieldError> Validate()
        {
            if (!Confirmed) yield return new FieldError(nameof(Confirmed), "Tick the box to confirm you want to erase their data.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new("networks.person-erased", "person", PersonId.ToString(),
                "Person erased: name, contact details, postcode, notes, special-category data and how we met removed; consent history kept without identity.");
    }

    private const string PersonSql = $"""
        SELECT p.erased_at IS NOT NULL AS erased, p.merged_into IS NOT NULL AS merged
        FROM networks_person p WHERE p.id = @PersonId AND {PeopleScope.SqlFilter}
        """;
    private const string EraseSql = $"""
        DELETE FROM networks_person_note
        WHERE person_id IN (SELECT id FROM networks_person WHERE id = @PersonId OR merged_into = @PersonId);
        UPDATE networks_institution SET main_contact_id = NULL
        WHERE main_contact_id IN (SELECT id FROM networks_person WHERE id = @PersonId OR merged_into = @PersonId);
        UPDATE networks_person SET full_name = '{ErasedName}', preferred_name = NULL, email = NULL, email_normalized = NULL,
            phone = NULL, phone_normalized = NULL, postcode = NULL, postcode_normalized = NULL, preferred_language = NULL,
            contact_channel = NULL, access_needs = NULL, how_we_met = NULL, ethnicity = NULL, faith = NULL, health_conditions = NULL,
            external_id = NULL, search_text = '', erased_at = @now, updated_at = @now
        WHERE id = @PersonId OR merged_into = @PersonId;
        """;

    private sealed class State
    {
        public bool Erased { get; init; }
        public bool Merged { get; init; }
    }

    internal sealed class Handler(DbSession session, PeopleScope scope, IPublisher publisher, TimeProvider time) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken ct)
        {
            if (!scope.MayMergeAndErase) throw new ValidationFailedException("", "Only Organisers may erase a person's data.");
            var connection = await session.ConnectionAsync(ct);
            var state = await connection.QuerySingleOrDefaultAsync<State>(new CommandDefinition(PersonSql, (await scope.WithAsync(new { command.PersonId }, ct)),
                session.Transaction, cancellationToken: ct));
            if (state is null) throw new ValidationFailedException("", "That person's record no longer exists, or is not yours to change.");
            if (state.Erased) throw new ValidationFailedException("", "Their data has already been erased.");
            if (state.Merged) throw new ValidationFailedException("", "This record was merged into another: erase that one instead.");

            await connection.ExecuteAsync(new CommandDefinition(EraseSql, new { command.PersonId, now = time.GetUtcNow() }, session.Transaction, cancellationToken: ct));
            await publisher.Publish(new PersonErased(command.PersonId), ct);
            return true;
        }
    }
}
