using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Platform.PersonalData;

namespace Organising.Platform.Areas.Admin.Pages.Reminders;

/// <summary>One reminder, with its recipient's name, for the confirmation before cancelling it.</summary>
public static class GetReminder
{
    public sealed record Query(Guid Id) : IQuery<ListReminders.Row?>;

    private const string RowSql = $"SELECT {ListReminders.Columns} FROM platform_reminder WHERE id = @id";

    internal sealed class Handler(DbSession session, IEnumerable<IContactDirectory> directories) : IQueryHandler<Query, ListReminders.Row?>
    {
        public async ValueTask<ListReminders.Row?> Handle(Query query, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<ListReminders.Row>(new CommandDefinition(RowSql, new { id = query.Id }, cancellationToken: ct));
            if (row is not null) await ListReminders.NameRecipientsAsync([row], directories.FirstOrDefault(), ct);
            return row;
        }
    }
}
