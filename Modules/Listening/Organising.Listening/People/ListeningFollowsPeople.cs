using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;

namespace Organising.Listening.People;

/// <summary>
/// People belong to Networks; Listening follows what happens to them, in the same transaction as the merge or erasure.
/// A merge re-points the events they facilitated, hosted or took part in, and the stories they told, to the survivor.
/// An erasure removes their part in events and deletes the stories and testimonies they told: the words are theirs.
/// What the event heard from others stays. (Teams withdraws their ladder activities itself.)
/// </summary>
public static class ListeningFollowsPeople
{
    private static readonly string[] MergeSql =
    [
        """
        DELETE FROM listening_event_person WHERE person_id = @DuplicateId
          AND EXISTS (SELECT 1 FROM listening_event_person s WHERE s.person_id = @SurvivorId
                      AND s.event_id = listening_event_person.event_id AND s.role = listening_event_person.role)
        """,
        "UPDATE listening_event_person SET person_id = @SurvivorId WHERE person_id = @DuplicateId",
        "UPDATE listening_event SET host_person_id = @SurvivorId WHERE host_person_id = @DuplicateId",
        "UPDATE listening_story SET teller_person_id = @SurvivorId WHERE teller_person_id = @DuplicateId",
    ];

    private static readonly string[] EraseSql =
    [
        "DELETE FROM listening_event_person WHERE person_id = @PersonId",
        "UPDATE listening_event SET host_person_id = NULL WHERE host_person_id = @PersonId",
        "DELETE FROM listening_story WHERE teller_person_id = @PersonId",
    ];

    internal sealed class Handler(DbSession session) : INotificationHandler<PersonMerged>, INotificationHandler<PersonErased>
    {
        public async ValueTask Handle(PersonMerged merged, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            foreach (var sql in MergeSql)
                await connection.ExecuteAsync(new CommandDefinition(sql, new { merged.DuplicateId, merged.SurvivorId }, session.Transaction, cancellationToken: ct));
        }

        public async ValueTask Handle(PersonErased erased, CancellationToken ct)
        {
            var connection = await session.ConnectionAsync(ct);
            foreach (var sql in EraseSql)
                await connection.ExecuteAsync(new CommandDefinition(sql, new { erased.PersonId }, session.Transaction, cancellationToken: ct));
        }
    }
}
