using Dapper;
using Mediator;
using Organising.Platform.Data;
using Organising.Teams.Contracts;

namespace Organising.Teams.Ladders;

/// <summary>
/// Keeps this module's copy of what later modules report people did (<see cref="LeadershipActivityRecorded"/>), in
/// the reporting command's transaction, so the ladders count it. The source key makes a repeated report harmless.
/// </summary>
public static class LeadershipActivityLog
{
    private const string UpsertSql = """
        INSERT INTO teams_activity (source_key, person_id, activity, occurred_at) VALUES (@SourceKey, @PersonId, @Activity, @OccurredAt)
        ON CONFLICT (source_key) DO UPDATE SET person_id = excluded.person_id, activity = excluded.activity, occurred_at = excluded.occurred_at
        """;

    private const string DeleteSql = "DELETE FROM teams_activity WHERE source_key = @SourceKey";

    internal sealed class Handler(DbSession session) : INotificationHandler<LeadershipActivityRecorded>, INotificationHandler<LeadershipActivityWithdrawn>
    {
        public async ValueTask Handle(LeadershipActivityRecorded recorded, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(UpsertSql,
                new { recorded.SourceKey, recorded.PersonId, Activity = recorded.Activity.Trim().ToLowerInvariant(), recorded.OccurredAt },
                session.Transaction, cancellationToken: ct));
        }

        public async ValueTask Handle(LeadershipActivityWithdrawn withdrawn, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { withdrawn.SourceKey }, session.Transaction, cancellationToken: ct));
        }
    }
}
