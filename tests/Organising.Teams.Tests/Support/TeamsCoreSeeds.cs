using Dapper;

namespace Organising.Teams.Tests.Support;

/// <summary>Seed helpers for the team pages and pipeline tests (kept apart from <see cref="TeamsWorld"/>, which other suites extend too).</summary>
public static class TeamsCoreSeeds
{
    /// <summary>A person in the team's pipeline at <paramref name="stage"/>, with one history row; returns the recruit's id.</summary>
    public static async Task<Guid> AddRecruitAsync(this TeamsWorld world, Guid teamId, Guid personId, string stage = "prospect")
    {
        var id = Guid.CreateVersion7();
        await using var db = world.App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO teams_recruit (id, team_id, person_id, stage, stage_since, created_at) VALUES (@id, @teamId, @personId, @stage, @now, @now)
            """, new { id = id.ToString(), teamId = teamId.ToString(), personId = personId.ToString(), stage, now = world.Now });
        await db.ExecuteAsync("INSERT INTO teams_recruit_stage (id, recruit_id, stage, entered_at) VALUES (@hid, @id, @stage, @now)",
            new { hid = Guid.CreateVersion7().ToString(), id = id.ToString(), stage, now = world.Now });
        return id;
    }

    public static async Task<int> AuditCountAsync(this TeamsWorld world, string kind, Guid subject) =>
        (int)await world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id", new { kind, id = subject.ToString() });

    public static string Unique(string stem) => $"{stem} {Guid.NewGuid().ToString("N")[..8]}";
}
