using Dapper;
using Organising.Networks.Areas.Networks.Pages.Duplicates;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;
using Organising.Platform.Pipeline;
using static Organising.Networks.Tests.DataProtection.PersonRows;

namespace Organising.Networks.Tests.DataProtection;

/// <summary>Merging two records of one person through the command, on the real database.</summary>
public sealed class MergeTests
{
    private readonly EventRecorder _events = new();
    private NetworksWorld _world = null!;
    private Guid _riverside, _diabetes, _carers, _mosque, _school, _surgery;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync(services => EventRecorder.Register(services, _events));
        _riverside = await _world.AddNetworkAsync("Riverside");
        _diabetes = await _world.AddNetworkAsync("Diabetes");
        _carers = await _world.AddNetworkAsync("Carers");
        _mosque = await _world.AddInstitutionAsync("East Mosque");
        _school = await _world.AddInstitutionAsync("Bow School");
        _surgery = await _world.AddInstitutionAsync("Bow Surgery");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    [SetUp]
    public void Reset() => _events.FailWhen = null;

    private Task<MergePeople.Result> MergeAsync(Guid survivor, Guid duplicate, NetworksWorld.User? user = null) =>
        _world.SendAsAsync(user ?? _world.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate, Confirmed = true });

    /// <summary>Two records of one person, each with its own links, consent and notes; they share one network and one institution.</summary>
    private async Task<(Guid Survivor, Guid Duplicate, string Unique)> TwoRecordsAsync()
    {
        var u = Unique();
        var survivor = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Hodan Warsame {u}", Email = $"hodan{u}@example.org", Roles = ["patient"], NetworkIds = [_riverside, _diabetes],
            Affiliations = [new() { InstitutionId = _mosque, Role = "member" }, new() { InstitutionId = _school, Role = "member" }],
            ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "paper", ConsentWording = "Form v1",
        });
        var duplicate = await _world.SendAsAsync(_world.Leader, new SavePerson.Command
        {
            FullName = $"H Warsame {u}", Phone = $"07700 {Random.Shared.Next(100000, 999999)}", Postcode = "E3 4AA", HowWeMet = "House meeting", Roles = ["carer", "patient"],
            NetworkIds = [_diabetes, _carers],
            Affiliations = [new() { InstitutionId = _mosque, Role = "leader" }, new() { InstitutionId = _surgery, Role = "member" }],
            ConsentsGiven = [ConsentPurposes.Reminders], ConsentChannel = "verbal", ConsentWording = "Script v2",
        });
        await _world.SendAsAsync(_world.Organiser, new AddPersonNote.Command { PersonId = survivor, Body = $"Survivor note {u}" });
        await _world.SendAsAsync(_world.Leader, new AddPersonNote.Command { PersonId = duplicate, Body = $"Duplicate note {u}" });
        return (survivor, duplicate, u);
    }

    [Test]
    public async Task Merging_keeps_every_affiliation_consent_and_note_and_each_shared_network_once()
    {
        var (survivor, duplicate, u) = await TwoRecordsAsync();
        await using (var c = _world.App.OpenDatabase())
        {
            await c.ExecuteAsync("UPDATE networks_institution SET main_contact_id = @duplicate WHERE id = @surgery", new { duplicate = duplicate.ToString(), surgery = _surgery.ToString() });
        }

        var phone = await ScalarAsync<string>(_world, "SELECT phone FROM networks_person WHERE id = @id", new { id = duplicate.ToString() });
        var result = await MergeAsync(survivor, duplicate);
        Assert.That(result, Is.EqualTo(new MergePeople.Result(Networks: 2, Affiliations: 2, Consents: 1, Notes: 1)));

        var person = (await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(survivor)))!;
        Assert.That(person.Networks.Select(n => n.Name), Is.EqualTo(new[] { "Carers", "Diabetes", "Riverside" }), "the shared network once");
        Assert.That(person.Affiliations.Select(a => $"{a.Name}:{a.Role}"), Is.EqualTo(new[] { "Bow School:member", "Bow Surgery:member", "East Mosque:leader" }),
            "a leader somewhere stays a leader there");
        Assert.That(person.Roles, Is.EqualTo(new[] { "carer", "patient" }));
        Assert.That(person.ConsentHistory.Select(c => c.Purpose), Is.EquivalentTo(new[] { ConsentPurposes.Contact, ConsentPurposes.Reminders }));
        Assert.That(person.CurrentConsent, Is.EquivalentTo(new Dictionary<string, string> { [ConsentPurposes.Contact] = "given", [ConsentPurposes.Reminders] = "given" }));
        Assert.That(person.Notes.Select(n => n.Body), Does.Contain($"Survivor note {u}").And.Contain($"Duplicate note {u}"));

        // The survivor keeps its own values and takes the duplicate's where it had none; the differing name is kept in a note.
        Assert.That(person.Person.FullName, Is.EqualTo($"Hodan Warsame {u}"));
        Assert.That((person.Person.Email, person.Person.Phone, person.Person.Postcode, person.Person.HowWeMet),
            Is.EqualTo(($"hodan{u}@example.org", phone, "E3 4AA", "House meeting")));
        Assert.That(person.Notes.Any(n => n.Body.StartsWith("Merged with another record", StringComparison.Ordinal) && n.Body.Contains($"Full name: H Warsame {u}")), Is.True);

        Assert.That(await ScalarAsync<string>(_world, "SELECT main_contact_id FROM networks_institution WHERE id = @id", new { id = _surgery.ToString() }),
            Is.EqualTo(survivor.ToString()), "the institution's main contact follows the merge");
        foreach (var table in new[] { "networks_person_role", "networks_person_network", "networks_affiliation", "networks_consent", "networks_person_note" })
        {
            Assert.That(await ScalarAsync<int>(_world, $"SELECT COUNT(*) FROM {table} WHERE person_id = @id", new { id = duplicate.ToString() }), Is.Zero, table);
        }
    }

    [Test]
    public async Task The_merged_record_leads_to_the_survivor_and_holds_nothing_itself()
    {
        var (survivor, duplicate, u) = await TwoRecordsAsync();
        await MergeAsync(duplicate, survivor); // keep the second record this time

        var gone = (await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(survivor)))!.Person;
        Assert.That(gone.MergedInto, Is.EqualTo(duplicate));
        Assert.That((gone.FullName, gone.Email, gone.Phone, gone.Postcode), Is.EqualTo(("Merged record", (string?)null, (string?)null, (string?)null)));

        var kept = (await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(duplicate)))!.Person;
        Assert.That(kept.FullName, Is.EqualTo($"H Warsame {u}"));
        Assert.That(kept.Email, Is.EqualTo($"hodan{u}@example.org"), "the e-mail it lacked came from the merged record");

        // Search finds the person once, through the survivor, by a value that came from the other record.
        var found = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters($"hodan{u}", IncludeErased: true), 1, 50));
        Assert.That(found.People.Items.Select(p => p.Id), Is.EqualTo(new[] { duplicate }));
        Assert.That(await SearchIndexAsync(_world, $"hodan warsame {u}"), Does.Not.Contain(survivor), "the merged row left the search index");

        // No longer suggested as a pair, and cannot be merged again.
        Assert.That((await _world.SendAsAsync(_world.Organiser, new FindDuplicates.Query(1, null, duplicate))).Pairs.Items, Is.Empty);
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() => MergeAsync(duplicate, survivor));
        Assert.That(again!.Message, Does.Contain("already merged"));
    }

    [Test]
    public async Task Merging_is_audited_and_published_for_other_modules()
    {
        var (survivor, duplicate, _) = await TwoRecordsAsync();
        await MergeAsync(survivor, duplicate);

        Assert.That(_events.Of<PersonMerged>(), Does.Contain(new PersonMerged(DuplicateId: duplicate, SurvivorId: survivor)));
        var entries = await QueryAsync<(string Kind, string SubjectId, string UserName, string Summary)>(_world,
            "SELECT kind, subject_id, user_name, summary FROM platform_audit WHERE subject_id IN (@s, @d) AND kind LIKE 'networks.person%merged%' OR (kind = 'networks.people-merged' AND subject_id = @s)",
            new { s = survivor.ToString(), d = duplicate.ToString() });
        Assert.That(entries.Select(e => (e.Kind, e.SubjectId, e.UserName)), Is.EquivalentTo(new[]
        {
            ("networks.people-merged", survivor.ToString(), _world.Organiser.Name),
            ("networks.person-merged-away", duplicate.ToString(), _world.Organiser.Name),
        }));
        Assert.That(entries.Single(e => e.Kind == "networks.people-merged").Summary, Does.Contain(duplicate.ToString()).And.Not.Contain("Warsame"));
    }

    [Test]
    public async Task When_a_consumer_of_the_event_fails_nothing_is_merged()
    {
        var (survivor, duplicate, _) = await TwoRecordsAsync();
        string Snapshot(IEnumerable<object> rows) => string.Join("|", rows);
        async Task<string> StateAsync() => Snapshot(await QueryAsync<object>(_world, """
            SELECT person_id || ':' || COUNT(*) FROM (
                SELECT person_id FROM networks_consent UNION ALL SELECT person_id FROM networks_person_note
                UNION ALL SELECT person_id FROM networks_affiliation UNION ALL SELECT person_id FROM networks_person_network) AS links
            WHERE person_id IN (@s, @d) GROUP BY person_id ORDER BY person_id
            """, new { s = survivor.ToString(), d = duplicate.ToString() }))
            + await ScalarAsync<string>(_world, $"SELECT {(_world.App.Engine == DatabaseEngine.Sqlite ? "group_concat" : "string_agg")}(full_name || coalesce(merged_into, '') || coalesce(email, '') || coalesce(phone, '') || search_text, ',') FROM networks_person WHERE id IN (@s, @d)",
                new { s = survivor.ToString(), d = duplicate.ToString() })
            + await ScalarAsync<int>(_world, "SELECT COUNT(*) FROM platform_audit");
        var before = await StateAsync();

        _events.FailWhen = e => e is PersonMerged m && m.SurvivorId == survivor;
        await Assert.ThrowsAsync<InvalidOperationException>(() => MergeAsync(survivor, duplicate));

        Assert.That(await StateAsync(), Is.EqualTo(before));
        Assert.That(_events.Of<PersonMerged>().Any(m => m.SurvivorId == survivor), Is.False);
    }

    [Test]
    public async Task Unconfirmed_self_and_unseen_merges_are_refused()
    {
        var (survivor, duplicate, _) = await TwoRecordsAsync();
        var unconfirmed = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.SendAsAsync(_world.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate }));
        Assert.That(unconfirmed!.Errors.Single().Field, Is.EqualTo("Confirmed"));

        await Assert.ThrowsAsync<ValidationFailedException>(() => MergeAsync(survivor, survivor));
        await Assert.ThrowsAsync<ValidationFailedException>(() => MergeAsync(survivor, Guid.NewGuid()));
        var asLeader = await Assert.ThrowsAsync<ValidationFailedException>(() => MergeAsync(survivor, duplicate, _world.Leader));
        Assert.That(asLeader!.Message, Does.Contain("Only Organisers"));

        Assert.That(await ScalarAsync<int>(_world, "SELECT COUNT(*) FROM networks_person WHERE id IN (@s, @d) AND merged_into IS NULL",
            new { s = survivor.ToString(), d = duplicate.ToString() }), Is.EqualTo(2));
    }

    [Test]
    public async Task Administrators_merge_as_Organisers_do()
    {
        var (survivor, duplicate, _) = await TwoRecordsAsync();
        await MergeAsync(survivor, duplicate, _world.Admin);
        Assert.That(await ScalarAsync<string>(_world, "SELECT merged_into FROM networks_person WHERE id = @d", new { d = duplicate.ToString() }), Is.EqualTo(survivor.ToString()));
    }

    [Test]
    public async Task Records_merged_earlier_follow_their_survivor_into_the_next_merge()
    {
        var (a, b, _) = await TwoRecordsAsync();
        var c = await InsertAsync(_world, $"Third record {Unique()}");
        await MergeAsync(b, c);
        await MergeAsync(a, b);
        Assert.That(await ScalarAsync<string>(_world, "SELECT merged_into FROM networks_person WHERE id = @c", new { c = c.ToString() }), Is.EqualTo(a.ToString()));
    }
}
