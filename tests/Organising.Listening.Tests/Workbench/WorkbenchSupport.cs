using System.Collections.Concurrent;
using Dapper;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Organising.Listening.Contracts;

namespace Organising.Listening.Tests.Workbench;

/// <summary>What Listening told Research about the people's agenda, as a consumer in another module would receive it.</summary>
public sealed class AgendaRecorder
{
    public ConcurrentQueue<INotification> Events { get; } = new();

    public IReadOnlyList<IssuePrioritised> Prioritised(Guid id) => Events.OfType<IssuePrioritised>().Where(e => e.IssueId == id).ToList();
    public IReadOnlyList<IssueDeprioritised> Deprioritised(Guid id) => Events.OfType<IssueDeprioritised>().Where(e => e.IssueId == id).ToList();

    public void Register(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddScoped<INotificationHandler<IssuePrioritised>, Handler>();
        services.AddScoped<INotificationHandler<IssueDeprioritised>, Handler>();
    }

    private sealed class Handler(AgendaRecorder recorder) : INotificationHandler<IssuePrioritised>, INotificationHandler<IssueDeprioritised>
    {
        public ValueTask Handle(IssuePrioritised notification, CancellationToken cancellationToken) => Record(notification);
        public ValueTask Handle(IssueDeprioritised notification, CancellationToken cancellationToken) => Record(notification);

        private ValueTask Record(INotification notification)
        {
            recorder.Events.Enqueue(notification);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A <see cref="ListeningWorld"/> whose app also delivers the agenda's notifications to an <see cref="AgendaRecorder"/>.</summary>
public abstract class WorkbenchFixture
{
    protected ListeningWorld World { get; private set; } = null!;
    protected AgendaRecorder Recorder { get; } = new();

    [OneTimeSetUp]
    public async Task StartWorld() => World = await ListeningWorld.StartAsync(services: Recorder.Register);

    [OneTimeTearDown]
    public async Task StopWorld() => await World.DisposeAsync();

    protected static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";
}

/// <summary>Seeds for the workbench's tests, kept apart from the shared ListeningWorld.</summary>
public static class WorkbenchSeeds
{
    /// <summary>An institution in Networks (tests may seed other modules' tables).</summary>
    public static async Task<Guid> AddInstitutionAsync(this ListeningWorld world, string name, string membership = "member")
    {
        var id = Guid.CreateVersion7();
        await using var db = world.App.OpenDatabase();
        await db.ExecuteAsync("INSERT INTO networks_institution (id, name, type, membership, created_at) VALUES (@id, @name, 'faith', @membership, @now)",
            new { id = id.ToString(), name, membership, now = world.Now });
        return id;
    }

    public static Task<long> AuditCountAsync(this ListeningWorld world, string kind, Guid subjectId) =>
        world.CountAsync("SELECT COUNT(*) FROM platform_audit WHERE kind = @kind AND subject_id = @id", new { kind, id = subjectId.ToString() });

    public static async Task<string?> StatusOfAsync(this ListeningWorld world, Guid candidateId)
    {
        await using var db = world.App.OpenDatabase();
        return await db.ExecuteScalarAsync<string>("SELECT status FROM listening_candidate WHERE id = @id", new { id = candidateId.ToString() });
    }

    public static Task<long> LinkCountAsync(this ListeningWorld world, Guid candidateId) =>
        world.CountAsync("SELECT COUNT(*) FROM listening_candidate_raised WHERE candidate_id = @id", new { id = candidateId.ToString() });

    /// <summary>
    /// What was heard for one candidate's lineage: two house meetings in CampaignA (headcounts 8 and 5) and a street stall
    /// on a second network (headcount 3); three issues raised across them (two at the first meeting), and stories of
    /// each consent behind them. Stories: 3 (public, alliance, none); conversations: 3; people: 16; networks: 2.
    /// </summary>
    public static async Task<Heard> HearAsync(this ListeningWorld world, Guid? secondNetwork = null, Guid? recordedBy = null)
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var network2 = secondNetwork ?? await world.AddNetworkAsync($"Second network {marker}");
        await using (var db = world.App.OpenDatabase())
            await db.ExecuteAsync("INSERT INTO listening_campaign_network (campaign_id, network_id) VALUES (@c, @n) ON CONFLICT DO NOTHING",
                new { c = world.CampaignA.ToString(), n = network2.ToString() });
        var meeting1 = await world.AddEventAsync(world.CampaignA, headcount: 8, networkId: world.NetworkA, recordedBy: recordedBy);
        var meeting2 = await world.AddEventAsync(world.CampaignA, headcount: 5, networkId: world.NetworkA);
        var stall = await world.AddEventAsync(world.CampaignA, "street-stall", headcount: 3, networkId: network2);
        var r1 = await world.AddRaisedAsync(meeting1, $"Can't get a GP appointment {marker}", "Access and waiting");
        var r2 = await world.AddRaisedAsync(meeting1, $"Phone line always engaged {marker}", "Access and waiting", "Communication and interpreting");
        var r3 = await world.AddRaisedAsync(stall, $"Surgery closed on Saturdays {marker}", "Access and waiting", "Work and money");
        var r4 = await world.AddRaisedAsync(meeting2, $"Damp flat {marker}", "Housing");
        var publicStory = await world.AddStoryAsync(meeting1, $"PUBLIC-STORY {marker}: I waited three weeks.", "public", tellerLabel: "a mother of two", raisedId: r1,
            tellerPersonId: world.PersonOf["Volunteer2"]);
        var allianceStory = await world.AddStoryAsync(meeting1, $"ALLIANCE-STORY {marker}: my son missed school.", "alliance", raisedId: r2);
        var privateStory = await world.AddStoryAsync(stall, $"NONE-STORY {marker}: I lost my job.", "none", raisedId: r3);
        await world.AddStoryAsync(meeting2, $"UNLINKED-STORY {marker}", "public", raisedId: r4);
        return new Heard(marker, network2, meeting1, meeting2, stall, r1, r2, r3, r4, publicStory, allianceStory, privateStory);
    }

    public sealed record Heard(string Marker, Guid Network2, Guid Meeting1, Guid Meeting2, Guid Stall, Guid Raised1, Guid Raised2, Guid Raised3,
        Guid Housing, Guid PublicStory, Guid AllianceStory, Guid PrivateStory)
    {
        /// <summary>The three access issues: 3 stories, 2 conversations (meeting1, stall), 11 people, 2 networks.</summary>
        public IReadOnlyList<Guid> Access => [Raised1, Raised2, Raised3];
    }
}
