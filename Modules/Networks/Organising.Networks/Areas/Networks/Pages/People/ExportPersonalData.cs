using Dapper;
using Mediator;
using Organising.Platform.Audit;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Networks.Areas.Networks.Pages.People;

/// <summary>
/// A subject-access export: everything every module holds about one person, gathered by Platform's
/// <see cref="PersonalDataCollector"/>. A command, so that each export is written to the audit log.
/// Null when the user may not see the person; a merged record answers with the survivor's id instead.
/// </summary>
public static class ExportPersonalData
{
    public sealed record Command(Guid PersonId, string Format) : ICommand<Result?>, IAuditedCommand
    {
        public AuditEntry? DescribeForAudit(object? response) => response is Result { Export: not null }
            ? new("networks.person-data-exported", "person", PersonId.ToString(), $"Subject-access export ({Format}).")
            : null;
    }

    public sealed record Result(string Name, PersonalDataExport? Export, Guid? MergedInto);

    private sealed class Found
    {
        public string FullName { get; init; } = "";
        public Guid? MergedInto { get; init; }
    }

    private const string PersonSql = $"SELECT p.full_name, p.merged_into FROM networks_person p WHERE p.id = @PersonId AND {PeopleScope.SqlFilter}";

    internal sealed class Handler(DbSession session, PeopleScope scope, PersonalDataCollector collector) : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken ct)
        {
            if (!scope.MayMergeAndErase) return null;
            var connection = await session.ConnectionAsync(ct);
            var person = await connection.QuerySingleOrDefaultAsync<Found>(new CommandDefinition(PersonSql, (await scope.WithAsync(new { command.PersonId }, ct)),
                session.Transaction, cancellationToken: ct));
            if (person is null) return null;
            if (person.MergedInto is { } survivor) return new Result(person.FullName, null, survivor);
            return new Result(person.FullName, await collector.CollectAsync(command.PersonId, ct), null);
        }
    }
}
