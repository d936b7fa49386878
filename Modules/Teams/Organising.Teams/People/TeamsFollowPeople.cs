using Dapper;
using Mediator;
using Organising.Networks.Contracts;
using Organising.Platform.Data;
using Organising.Platform.Reminders;

namespace Organising.Teams.People;

/// <summary>
/// People belong to Networks; this module follows what happens to them, in the same transaction as the merge or erasure.
/// A merge re-points memberships, pipeline places, one-to-ones, enrolments, completions and activities to the survivor
/// (where both had one, the survivor's is kept, with the earlier date). An erasure anonymises the one-to-one notes about
/// the person, cancels the follow-ups that name them and blanks their text, and removes their memberships, pipeline places, enrolments,
/// completions and activities. One-to-ones they held stay (their notes are about other people), pointing at the
/// anonymised person.
/// </summary>
public static class TeamsFollowPeople
{
    // Where the survivor already has a row with the same key, the duplicate's is dropped (keeping the stronger facts).
    private static readonly string[] MergeSql =
    [
        """
        UPDATE teams_member SET leads = 1
        WHERE person_id = @SurvivorId AND team_id IN (SELECT team_id FROM teams_member WHERE person_id = @DuplicateId AND leads = 1)
        """,
        "DELETE FROM teams_member WHERE person_id = @DuplicateId AND team_id IN (SELECT team_id FROM teams_member WHERE person_id = @SurvivorId)",
        "UPDATE teams_member SET person_id = @SurvivorId WHERE person_id = @DuplicateId",

        // The duplicate's stage history joins the survivor's pipeline place in the same team.
        """
        UPDATE teams_recruit_stage SET recruit_id = (SELECT s.id FROM teams_recruit s JOIN teams_recruit d ON d.team_id = s.team_id
                                                     WHERE s.person_id = @SurvivorId AND d.id = teams_recruit_stage.recruit_id)
        WHERE recruit_id IN (SELECT d.id FROM teams_recruit d JOIN teams_recruit s ON s.team_id = d.team_id
                             WHERE d.person_id = @DuplicateId AND s.person_id = @SurvivorId)
        """,
        "DELETE FROM teams_recruit WHERE person_id = @DuplicateId AND team_id IN (SELECT team_id FROM teams_recruit WHERE person_id = @SurvivorId)",
        "UPDATE teams_recruit SET person_id = @SurvivorId WHERE person_id = @DuplicateId",

        "UPDATE teams_one_to_one SET held_by = @SurvivorId WHERE held_by = @DuplicateId",
        "UPDATE teams_one_to_one SET met_person_id = @SurvivorId WHERE met_person_id = @DuplicateId",

        // An enrolment holding a place beats one on the waiting list.
        """
        UPDATE teams_enrolment SET status = 'enrolled'
        WHERE person_id = @SurvivorId AND status <> 'enrolled'
          AND session_id IN (SELECT session_id FROM teams_enrolment WHERE person_id = @DuplicateId AND status = 'enrolled')
        """,
        """
        UPDATE teams_enrolment SET attended = 1
        WHERE person_id = @SurvivorId
          AND session_id IN (SELECT session_id FROM teams_enrolment WHERE person_id = @DuplicateId AND attended = 1)
        """,
        "DELETE FROM teams_enrolment WHERE person_id = @DuplicateId AND session_id IN (SELECT session_id FROM teams_enrolment WHERE person_id = @SurvivorId)",
        "UPDATE teams_enrolment SET person_id = @SurvivorId WHERE person_id = @DuplicateId",

        """
        UPDATE teams_completion SET completed_at = (SELECT d.completed_at FROM teams_completion d
                                                    WHERE d.person_id = @DuplicateId AND d.module_id = teams_completion.module_id)
        WHERE person_id = @SurvivorId
          AND completed_at > (SELECT d.completed_at FROM teams_completion d WHERE d.person_id = @DuplicateId AND d.module_id = teams_completion.module_id)
        """,
        "DELETE FROM teams_completion WHERE person_id = @DuplicateId AND module_id IN (SELECT module_id FROM teams_completion WHERE person_id = @SurvivorId)",
        "UPDATE teams_completion SET person_id = @SurvivorId WHERE person_id = @DuplicateId",

        "UPDATE teams_activity SET person_id = @SurvivorId WHERE person_id = @DuplicateId",
    ];

    private const string MetOneToOnesSql = "SELECT id FROM teams_one_to_one WHERE met_person_id = @PersonId";

    private static readonly string[] EraseSql =
    [
        """
        UPDATE teams_one_to_one SET place = NULL, story = NULL, self_interest = NULL, talents = NULL, leads = NULL, next_ask = NULL,
                                    follow_up_on = NULL, anonymised_at = @now, updated_at = @now
        WHERE met_person_id = @PersonId
        """,
        "DELETE FROM teams_member WHERE person_id = @PersonId",
        "DELETE FROM teams_recruit WHERE person_id = @PersonId",
        "DELETE FROM teams_enrolment WHERE person_id = @PersonId",
        "DELETE FROM teams_completion WHERE person_id = @PersonId",
        "DELETE FROM teams_activity WHERE person_id = @PersonId",
    ];

    internal sealed class Handler(DbSession session, IReminders reminders, TimeProvider time)
        : INotificationHandler<PersonMerged>, INotificationHandler<PersonErased>
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
            // A follow-up reminder to the holder names the person met: it must not go out, nor keep their name, once they are erased.
            foreach (var oneToOne in await connection.QueryAsync<Guid>(new CommandDefinition(MetOneToOnesSql, new { erased.PersonId }, session.Transaction, cancellationToken: ct)))
                await reminders.ForgetByPrefixAsync(OneToOneKeys.Prefix(oneToOne), ct);
            foreach (var sql in EraseSql)
                await connection.ExecuteAsync(new CommandDefinition(sql, new { erased.PersonId, now = time.GetUtcNow() }, session.Transaction, cancellationToken: ct));
        }
    }
}
