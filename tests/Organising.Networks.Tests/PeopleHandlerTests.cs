using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;
using Organising.Platform.PersonalData;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Tests;

/// <summary>The people slices through the mediator, on the app's real SQLite file, as each role.</summary>
public sealed class PeopleHandlerTests
{
    private NetworksWorld _world = null!;
    private Guid _riverside, _diabetes, _mosque, _school;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        _riverside = await _world.AddNetworkAsync("Riverside estate");
        _diabetes = await _world.AddNetworkAsync("Diabetes pathway");
        _mosque = await _world.AddInstitutionAsync("East London Mosque");
        _school = await _world.AddInstitutionAsync("Cubitt Town School");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private Task<Guid> SaveAsync(NetworksWorld.User user, SavePerson.Command command) => _world.SendAsAsync(user, command);

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private Task<ListPeople.Result> ListAsync(NetworksWorld.User user, ListPeople.Filters filters) =>
        _world.SendAsAsync(user, new ListPeople.Query(filters, 1, 500));

    [Test]
    public async Task A_searchs_total_leaves_out_the_erased_and_the_merged_unless_asked()
    {
        var tag = "zq" + Unique();
        var kept = await DataProtection.PersonRows.InsertAsync(_world, $"Kept {tag}");
        await DataProtection.PersonRows.InsertAsync(_world, $"Erased {tag}", erasedAt: "2025-02-01T00:00:00.0000000Z");
        await DataProtection.PersonRows.InsertAsync(_world, $"Merged {tag}", mergedInto: kept);

        var current = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters(tag), 1, 50));
        Assert.That(current.People.Total, Is.EqualTo(1), "counted in the search index, less the erased and merged");
        Assert.That(current.People.Items.Select(p => p.FullName), Is.EqualTo(new[] { $"Kept {tag}" }));

        var everyone = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters(tag, IncludeErased: true), 1, 50));
        Assert.That(everyone.People.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task Search_results_follow_renames_and_erasure_in_name_order_on_the_list_and_in_the_picker()
    {
        var tag = "zr" + Unique();
        var carol = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = $"Carol {tag}" });
        var abdi = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = $"Abdi {tag}" });
        var bea = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = $"Bea {tag}" });
        await SaveAsync(_world.Organiser, new SavePerson.Command { Id = carol, FullName = $"Aaron {tag}" });
        await _world.SendAsAsync(_world.Organiser, new ErasePerson.Command { PersonId = bea, Confirmed = true });

        var listed = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters(tag), 1, 50));
        var picked = await _world.SendAsAsync(_world.Organiser, new SearchPeople(tag));
        var expected = new[] { $"Aaron {tag}", $"Abdi {tag}" };
        Assert.That(listed.People.Items.Select(p => p.FullName), Is.EqualTo(expected), "renamed, re-sorted, and the erased gone");
        Assert.That(picked.Select(p => p.Id), Is.EqualTo(new[] { carol, abdi }));
        Assert.That(listed.People.Total, Is.EqualTo(2));

        var second = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters(tag), 2, 1));
        Assert.That(second.People.Items.Select(p => p.Id), Is.EqualTo(new[] { abdi }), "pages follow the same order");
    }

    [Test]
    public async Task A_person_is_found_by_a_fragment_of_each_field()
    {
        var tag = Unique();
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Amina Hassan {tag}", PreferredName = $"Mina{tag}", Email = $"amina.{tag}@example.org", Phone = "07700 900 461", Postcode = "e14 9zz",
        });

        foreach (var fragment in new[] { $"hassan {tag}", $"MINA{tag}", $"a.{tag}@exam", "900461", "0 900 46", "E14 9Z", "e149zz" })
        {
            var found = await ListAsync(_world.Organiser, new ListPeople.Filters(fragment));
            Assert.That(found.People.Items.Select(p => p.Id), Does.Contain(id), $"searching “{fragment}”");
        }
        var none = await ListAsync(_world.Organiser, new ListPeople.Filters($"zz{tag}zz"));
        Assert.That(none.People.Total, Is.Zero);
    }

    [Test]
    public async Task Saving_normalises_and_keeps_search_text_current()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = "Bilal Khan", Email = " Bilal.K@Example.ORG ", Phone = "+44 7700 900111", Postcode = "sw1a1aa" });
        await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { Id = id, FullName = "Bilal Ahmed Khan", Email = "bilal.k@example.org", Postcode = "SW1A 1AA" });

        await using var connection = _world.App.OpenDatabase();
        var row = await connection.QuerySingleAsync("SELECT email, email_normalized, postcode, postcode_normalized, phone, search_text FROM networks_person WHERE id = @id", new { id = id.ToString() });
        Assert.That((string)row.email_normalized, Is.EqualTo("bilal.k@example.org"));
        Assert.That((string)row.postcode, Is.EqualTo("SW1A 1AA"));
        Assert.That((string)row.postcode_normalized, Is.EqualTo("SW1A1AA"));
        Assert.That((object?)row.phone, Is.Null);
        Assert.That((string)row.search_text, Is.EqualTo("bilal ahmed khan|bilal.k@example.org|sw1a1aa"));
    }

    [Test]
    public async Task Filters_narrow_by_network_institution_role_and_language()
    {
        var tag = Unique();
        var somali = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Filter One {tag}", PreferredLanguage = "so", Roles = ["carer"], NetworkIds = [_riverside],
            Affiliations = [new SavePerson.Affiliation { InstitutionId = _mosque, Role = "leader" }],
        });
        var english = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Filter Two {tag}", PreferredLanguage = "en-GB", Roles = ["clinician"], NetworkIds = [_diabetes],
            Affiliations = [new SavePerson.Affiliation { InstitutionId = _school, Role = "member" }],
        });

        async Task<IEnumerable<Guid>> Ids(ListPeople.Filters f) => (await ListAsync(_world.Organiser, f)).People.Items.Select(p => p.Id);

        Assert.That(await Ids(new(tag, NetworkId: _riverside)), Is.EqualTo(new[] { somali }));
        Assert.That(await Ids(new(tag, NetworkId: _diabetes)), Is.EqualTo(new[] { english }));
        Assert.That(await Ids(new(tag, InstitutionId: _mosque)), Is.EqualTo(new[] { somali }));
        Assert.That(await Ids(new(tag, InstitutionName: "MOSQ")), Is.EqualTo(new[] { somali }), "any fragment of the institution's name, any case");
        Assert.That(await Ids(new(tag, Role: "clinician")), Is.EqualTo(new[] { english }));
        Assert.That(await Ids(new(tag, Language: "so")), Is.EqualTo(new[] { somali }));
        Assert.That(await Ids(new(tag)), Is.EqualTo(new[] { somali, english }), "stable order: by name, then id");
        var row = (await ListAsync(_world.Organiser, new(tag, Role: "carer"))).People.Items.Single();
        Assert.That(row.Affiliations, Is.EqualTo(new[] { "East London Mosque (leader)" }));
        Assert.That(row.Networks, Is.EqualTo(new[] { "Riverside estate" }));
    }

    [Test]
    public async Task The_latest_consent_record_per_purpose_wins()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = $"Consent {Unique()}", Email = $"c{Unique()}@example.org" });
        async Task Record(string purpose, string state, DateOnly on) =>
            await _world.SendAsAsync(_world.Organiser, new RecordConsent.Command { PersonId = id, Purpose = purpose, State = state, Wording = "v1", OccurredOn = on, Channel = "paper" });

        await Record(ConsentPurposes.Contact, "given", new DateOnly(2025, 1, 10));
        await Record(ConsentPurposes.Contact, "withdrawn", new DateOnly(2025, 3, 1));
        await Record(ConsentPurposes.Contact, "given", new DateOnly(2025, 2, 1)); // back-dated: older than the withdrawal
        await Record(ConsentPurposes.Story, "withdrawn", new DateOnly(2025, 4, 1));
        await Record(ConsentPurposes.Story, "given", new DateOnly(2025, 4, 1)); // same day, recorded later

        var details = await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(id));
        Assert.That(details!.CurrentConsent[ConsentPurposes.Contact], Is.EqualTo("withdrawn"));
        Assert.That(details.CurrentConsent[ConsentPurposes.Story], Is.EqualTo("given"));
        Assert.That(details.CurrentConsent.ContainsKey(ConsentPurposes.Photographs), Is.False);
        Assert.That(details.ConsentHistory, Has.Count.EqualTo(5));
        Assert.That(details.ConsentHistory[0].RecordedByName, Is.EqualTo("Olu Organiser"));
    }

    [Test]
    public async Task Withdrawing_consent_to_contact_stops_contact_through_the_directory()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Dora Directory", Email = $"dora{Unique()}@example.org", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "verbal", ConsentWording = "v2",
        });
        await _world.LetLeaderReachAsync(id);
        async Task<ContactDetails?> Find(ContactPurpose purpose) =>
            await _world.AsAsync(_world.Organiser, async (_, sp) => await sp.GetRequiredService<IContactDirectory>().FindAsync(id, purpose, CancellationToken.None));

        Assert.That((await Find(ContactPurpose.Reminders))!.CanContact, Is.True);

        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        await _world.SendAsAsync(_world.Leader, new RecordConsent.Command
        {
            PersonId = id, Purpose = ConsentPurposes.Contact, State = "withdrawn", Wording = "v2", OccurredOn = today.AddDays(1), Channel = "online",
        });

        var after = await Find(ContactPurpose.Organising);
        Assert.That(after!.CanContact, Is.False);
        Assert.That(after.Email, Is.Null);
        Assert.That(after.Reason, Does.Contain("withdrawn consent to contact"));
        Assert.That(await Find(ContactPurpose.Reminders) is { CanContact: false }, Is.True);
    }

    [Test]
    public async Task The_directory_answers_for_several_people_at_once_as_it_does_for_each()
    {
        var given = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Gita Given", Email = $"g{Unique()}@example.org", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "verbal", ConsentWording = "v2",
        });
        var none = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = "Nell None", Email = $"n{Unique()}@example.org" });
        var noEmail = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Ned Noemail", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "verbal", ConsentWording = "v2",
        });
        var unknown = Guid.CreateVersion7();
        Guid[] ids = [given, none, noEmail, unknown];

        var (each, many) = await _world.AsAsync(_world.Organiser, async (_, sp) =>
        {
            var directory = sp.GetRequiredService<IContactDirectory>();
            var one = new Dictionary<Guid, ContactDetails>();
            foreach (var id in ids)
            {
                if (await directory.FindAsync(id, ContactPurpose.Reminders, CancellationToken.None) is { } found) one[id] = found;
            }
            return (one, await directory.FindManyAsync(ids, ContactPurpose.Reminders, CancellationToken.None));
        });

        Assert.That(many, Is.EquivalentTo(each));
        Assert.That(many.Keys, Is.EquivalentTo(new[] { given, none, noEmail }), "an unknown person is left out");
        Assert.That(many[given].CanContact, Is.True);
    }

    [Test]
    public async Task A_person_without_consent_to_contact_cannot_be_contacted()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = "Nadia None", Email = $"n{Unique()}@example.org" });
        var found = await _world.AsAsync(_world.Organiser, async (_, sp) => await sp.GetRequiredService<IContactDirectory>().FindAsync(id, ContactPurpose.Organising, CancellationToken.None));
        Assert.That(found!.CanContact, Is.False);
        Assert.That(found.Reason, Does.Contain("not given consent"));
    }

    [Test]
    public async Task Special_category_data_is_refused_without_consent_and_kept_with_it()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = $"Special {Unique()}" });
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            SaveAsync(_world.Organiser, new SavePerson.Command { Id = id, FullName = "Special", Faith = "Muslim" }));
        Assert.That(refused!.Errors.Single().Field, Is.EqualTo("Ethnicity"));
        Assert.That(refused.Errors.Single().Message, Does.Contain("consent to special-category data"));

        await _world.SendAsAsync(_world.Organiser, new RecordConsent.Command { PersonId = id, Purpose = ConsentPurposes.SpecialCategory, State = "given", Wording = "v1", OccurredOn = new DateOnly(2025, 1, 1), Channel = "paper" });
        await SaveAsync(_world.Organiser, new SavePerson.Command { Id = id, FullName = "Special", Faith = "Muslim", HealthConditions = "Type 2 diabetes" });

        var asOrganiser = await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(id));
        Assert.That(asOrganiser!.Person.Faith, Is.EqualTo("Muslim"));
        await _world.LetLeaderReachAsync(id);
        var asLeader = await _world.SendAsAsync(_world.Leader, new GetPerson.Query(id));
        Assert.That(asLeader!.Person.Faith, Is.Null);
        Assert.That(asLeader.SeesSpecialCategory, Is.False);

        // A Leader's edit keeps what they cannot see; a Leader cannot write it.
        await SaveAsync(_world.Leader, new SavePerson.Command { Id = id, FullName = "Special Edited" });
        Assert.That((await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(id)))!.Person.Faith, Is.EqualTo("Muslim"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Leader, new SavePerson.Command { Id = id, FullName = "Special", Ethnicity = "x" }));

        // Withdrawing that consent removes the data.
        await _world.SendAsAsync(_world.Organiser, new RecordConsent.Command { PersonId = id, Purpose = ConsentPurposes.SpecialCategory, State = "withdrawn", Wording = "v1", OccurredOn = new DateOnly(2025, 2, 1), Channel = "verbal" });
        var cleared = await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(id));
        Assert.That(cleared!.Person.Faith, Is.Null);
        Assert.That(cleared.Person.HealthConditions, Is.Null);
    }

    [Test]
    public async Task Special_category_data_can_be_recorded_when_adding_with_that_consent()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"New Special {Unique()}", Ethnicity = "Somali", ConsentsGiven = [ConsentPurposes.SpecialCategory], ConsentChannel = "paper", ConsentWording = "Form v3",
        });
        var details = await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(id));
        Assert.That(details!.Person.Ethnicity, Is.EqualTo("Somali"));
        Assert.That(details.CurrentConsent[ConsentPurposes.SpecialCategory], Is.EqualTo("given"));
    }

    [Test]
    public async Task Volunteers_see_and_change_only_the_people_they_added()
    {
        var mine = await SaveAsync(_world.Volunteer, new SavePerson.Command { FullName = $"Vol Mine {Unique()}" });
        var theirs = await SaveAsync(_world.OtherVolunteer, new SavePerson.Command { FullName = $"Vol Theirs {Unique()}" });

        var list = await ListAsync(_world.Volunteer, new ListPeople.Filters());
        Assert.That(list.People.Items.Select(p => p.Id), Does.Contain(mine));
        Assert.That(list.People.Items.Select(p => p.Id), Does.Not.Contain(theirs));
        Assert.That(await _world.SendAsAsync(_world.Volunteer, new GetPerson.Query(theirs)), Is.Null);
        Assert.That(await _world.SendAsAsync(_world.Volunteer, new GetPersonForm.Query(theirs)), Is.Null);
        await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Volunteer, new SavePerson.Command { Id = theirs, FullName = "Hijack" }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _world.SendAsAsync(_world.Volunteer,
            new RecordConsent.Command { PersonId = theirs, Wording = "v1", OccurredOn = new DateOnly(2025, 1, 1) }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _world.SendAsAsync(_world.Volunteer, new AddPersonNote.Command { PersonId = theirs, Body = "x" }));

        // Organisers see both; a Leader only once their team reaches the person; Observers nobody.
        Assert.That(await _world.SendAsAsync(_world.Organiser, new GetPerson.Query(theirs)), Is.Not.Null);
        Assert.That(await _world.SendAsAsync(_world.Leader, new GetPerson.Query(theirs)), Is.Null);
        await _world.LetLeaderReachAsync(theirs);
        Assert.That(await _world.SendAsAsync(_world.Leader, new GetPerson.Query(theirs)), Is.Not.Null);
        Assert.That((await ListAsync(_world.Observer, new ListPeople.Filters())).People.Total, Is.Zero);
        Assert.That(await _world.SendAsAsync(_world.Observer, new GetPerson.Query(mine)), Is.Null);
    }

    [Test]
    public async Task A_duplicate_email_is_refused_naming_the_visible_person()
    {
        var email = $"dup{Unique()}@example.org";
        var first = await SaveAsync(_world.OtherVolunteer, new SavePerson.Command { FullName = "First Dup", Email = email });
        await _world.LetLeaderReachAsync(first);

        var asLeader = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Leader, new SavePerson.Command { FullName = "Second", Email = email.ToUpperInvariant() }));
        Assert.That(asLeader!.Errors.Select(e => e.Field), Is.EquivalentTo(new[] { "Email", SavePerson.ExistingPersonField }));
        Assert.That(asLeader.Errors.First(e => e.Field == "Email").Message, Does.Contain("First Dup"));
        Assert.That(asLeader.Errors.First(e => e.Field == SavePerson.ExistingPersonField).Message, Is.EqualTo(first.ToString()));

        // A volunteer who cannot see the first is told, without their name.
        var asVolunteer = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Volunteer, new SavePerson.Command { FullName = "Third", Email = email }));
        Assert.That(asVolunteer!.Errors.Single().Message, Does.Not.Contain("First Dup"));

        // Saving the first with its own address is fine.
        await SaveAsync(_world.OtherVolunteer, new SavePerson.Command { Id = first, FullName = "First Dup", Email = email });
    }

    [Test]
    public async Task A_refused_save_leaves_nothing_behind()
    {
        var name = $"Half Saved {Unique()}";
        await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = name, NetworkIds = [Guid.NewGuid()], Roles = ["carer"],
        }));
        await using var connection = _world.App.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_person WHERE full_name = @name", new { name }), Is.Zero);
    }

    [TestCase("Phone", "abc", "phone number")]
    [TestCase("Phone", "123", "phone number")]
    [TestCase("Postcode", "E14", "postcode")]
    [TestCase("ContactChannel", "pigeon", "contact channel")]
    [TestCase("PreferredLanguage", "xx", "language")]
    public async Task Bad_values_are_refused_beside_their_field(string field, string value, string messageContains)
    {
        var command = new SavePerson.Command { FullName = "Bad Value" };
        typeof(SavePerson.Command).GetProperty(field)!.SetValue(command, value);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Organiser, command));
        Assert.That(refused!.Errors.Select(e => e.Field), Does.Contain(field));
        Assert.That(refused.Errors.First(e => e.Field == field).Message, Does.Contain(messageContains));
    }

    [Test]
    public async Task Over_long_input_is_refused_not_cut()
    {
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => SaveAsync(_world.Organiser, new SavePerson.Command { FullName = new string('a', 201) }));
        Assert.That(refused!.Errors.Single().Message, Is.EqualTo("Use at most 200 characters for the full name."));
    }

    [Test]
    public async Task Changes_are_audited_by_field_name_never_by_value()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command { FullName = "Audit Me", Phone = "07700900999" });
        await SaveAsync(_world.Organiser, new SavePerson.Command { Id = id, FullName = "Audit Me", Phone = "07700900888", Roles = ["resident"] });

        await using var connection = _world.App.OpenDatabase();
        var summaries = (await connection.QueryAsync<string>("SELECT summary FROM platform_audit WHERE subject_id = @id ORDER BY occurred_at", new { id = id.ToString() })).ToList();
        Assert.That(summaries, Is.EqualTo(new[] { "Person added.", "Person edited: phone, roles changed." }));
    }

    [Test]
    public async Task The_subject_access_export_holds_profile_consent_and_notes()
    {
        var id = await SaveAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = "Sara Subject", Email = $"sara{Unique()}@example.org", ConsentsGiven = [ConsentPurposes.Contact], ConsentChannel = "online", ConsentWording = "web v1",
        });
        await _world.SendAsAsync(_world.Organiser, new AddPersonNote.Command { PersonId = id, Body = "Met at the stall." });

        var section = await _world.AsAsync(_world.Organiser, async (_, sp) =>
            await sp.GetServices<IPersonalDataSource>().First(s => s.GetType().Name == "NetworksPersonalData").CollectAsync(id, CancellationToken.None));
        Assert.That(section!.Records.Select(r => r.Kind), Does.Contain("Consent").And.Contain("Note").And.Contain("Profile"));
        Assert.That(section.Records.First(r => r.Kind == "Profile").Fields.First(f => f.Key == "Full name").Value, Is.EqualTo("Sara Subject"));
    }
}
