using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;

namespace Organising.Teams.Tests.Support;

/// <summary>The shared <see cref="PeopleAndTeamsWorld"/>, with Teams' own seed helpers.</summary>
public sealed class TeamsWorld : PeopleAndTeamsWorld
{
    private TeamsWorld(TestApp app, TestClock clock) : base(app, clock) { }

    /// <param name="services">Test registrations added after the app's own.</param>
    public static Task<TeamsWorld> StartAsync(Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartWithTeamsAsync((app, clock) => new TeamsWorld(app, clock), services, settings);

    #region One-to-ones (teams-121)

    /// <summary>A one-to-one written straight into the table (no reminder), with a story when given.</summary>
    public async Task<Guid> AddOneToOneAsync(Guid? teamId, Guid heldBy, Guid metPersonId, DateTimeOffset? metAt = null, string? story = null,
        Guid? recordedBy = null, string? followUpOn = null)
    {
        var id = Guid.CreateVersion7();
        await using var db = App.OpenDatabase();
        await db.ExecuteAsync("""
            INSERT INTO teams_one_to_one (id, team_id, held_by, met_person_id, met_at, story, follow_up_on, recorded_by, created_at, updated_at)
            VALUES (@id, @teamId, @heldBy, @metPersonId, @metAt, @story, @followUpOn, @recordedBy, @now, @now)
            """, new
        {
            id = id.ToString(), teamId = teamId?.ToString(), heldBy = heldBy.ToString(), metPersonId = metPersonId.ToString(),
            metAt = DapperTypeHandlers.ToDbText(metAt ?? Clock.GetUtcNow().AddDays(-1)), story, followUpOn, recordedBy = recordedBy?.ToString(), now = Now,
        });
        return id;
    }

    #endregion
}
