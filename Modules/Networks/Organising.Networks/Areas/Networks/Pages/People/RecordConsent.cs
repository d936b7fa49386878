using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Networks.People;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Pipeline;
using Organising.Platform.Settings;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// Adds one record to a person's consent history; the current state is always derived from the history.
/// A withdrawal is published as <see cref="ConsentWithdrawn"/> in the same transaction; withdrawing consent to
/// special-category data also removes the ethnicity, faith and health conditions held.
/// </summary>
public static class RecordConsent
{
    public sealed class Command : ICommand<Guid>, IValidatable, IAuditedCommand
    {
        public Guid PersonId { get; set; }

        [Required(ErrorMessage = "Choose what the consent is for.")]
        public string Purpose { get; set; } = ConsentPurposes.Contact;

        [Required(ErrorMessage = "Choose whether they gave or withdrew consent.")]
        public string State { get; set; } = "given";

        [Required(ErrorMessage = "Enter the version of the wording they were shown or read.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters for the wording version.")]
        public string Wording { get; set; } = "";

        [Required(ErrorMessage = "Enter the date they gave or withdrew consent.")]
        public DateOnly? OccurredOn { get; set; }

        [Required(ErrorMessage = "Choose how they gave or withdrew consent.")]
        public string Channel { get; set; } = "paper";

        public IEnumerable<FieldError> Validate()
        {
            if (!ConsentPurposes.All.Contains(Purpose)) yield return new FieldError(nameof(Purpose), "Choose a purpose from the list.");
            if (!Consents.States.Contains(State)) yield return new FieldError(nameof(State), "Choose given or withdrawn.");
            if (!Consents.Channels.Contains(Channel)) yield return new FieldError(nameof(Channel), "Choose on paper, verbally or online.");
            if (OccurredOn < new DateOnly(2000, 1, 1)) yield return new FieldError(nameof(OccurredOn), "Enter a date from 2000 onwards.");
        }

        public AuditEntry DescribeForAudit(object? response) =>
            new("networks.consent-recorded", "person", PersonId.ToString(), $"Consent record added: {Purpose}, {State}.");
    }

    private const string PersonSql = $"""
        SELECT EXISTS (SELECT 1 FROM networks_person p
                       WHERE p.id = @PersonId AND p.erased_at IS NULL AND p.merged_into IS NULL AND {PeopleScope.SqlFilter})
        """;
    private const string InsertSql = """
        INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_by, recorded_by_name, recorded_at)
        VALUES (@id, @PersonId, @Purpose, @State, @wording, @occurredOn, @Channel, @userId, @userName, @now)
        """;
    private const string SpecialCategoryHeldSql = """
        SELECT EXISTS (SELECT 1 FROM networks_person
                       WHERE id = @PersonId AND (ethnicity IS NOT NULL OR faith IS NOT NULL OR health_conditions IS NOT NULL))
        """;
    private const string ClearSpecialCategorySql = """
        UPDATE networks_person SET ethnicity = NULL, faith = NULL, health_conditions = NULL, updated_at = @now WHERE id = @PersonId
        """;

    internal sealed class Handler(DbSession session, PeopleScope scope, ICurrentUser user, IPublisher publisher, AuditLog audit,
        TimeProvider time, OrganisationTime localTime) : ICommandHandler<Command, Guid>
    {
        public async ValueTask<Guid> Handle(Command command, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(PersonSql, (await scope.WithAsync(new { command.PersonId }, ct)), session.Transaction, cancellationToken: ct)))
            {
                throw new ValidationFailedException("", "That person's record no longer exists, or is not yours to change.");
            }
            var now = time.GetUtcNow();
            var today = DateOnly.FromDateTime((await localTime.ToLocalAsync(now)).DateTime);
            if (command.OccurredOn > today) throw new ValidationFailedException(nameof(Command.OccurredOn), "The date cannot be in the future.");

            var id = Guid.CreateVersion7();
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                id, command.PersonId, command.Purpose, command.State, wording = command.Wording.Trim(),
                occurredOn = command.OccurredOn!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                command.Channel, userId = user.Id, userName = user.Name, now,
            }, session.Transaction, cancellationToken: ct));

            if (command.State == "withdrawn")
            {
                if (command.Purpose == ConsentPurposes.SpecialCategory
                    && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(SpecialCategoryHeldSql, new { command.PersonId }, session.Transaction, cancellationToken: ct)))
                {
                    await connection.ExecuteAsync(new CommandDefinition(ClearSpecialCategorySql, new { command.PersonId, now }, session.Transaction, cancellationToken: ct));
                    await audit.WriteAsync(new AuditEntry("networks.person-special-category-removed", "person", command.PersonId.ToString(),
                        "Ethnicity, faith and health conditions removed: consent to special-category data withdrawn."), ct);
                }
                await publisher.Publish(new ConsentWithdrawn(command.PersonId, command.Purpose), ct);
            }
            return id;
        }
    }
}
