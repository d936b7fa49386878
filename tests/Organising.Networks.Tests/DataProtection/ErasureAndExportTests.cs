using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Contracts;
using Organising.Platform.PersonalData;
using Organising.Platform.Pipeline;
using static Organising.Networks.Tests.DataProtection.PersonRows;

namespace Organising.Networks.Tests.DataProtection;

/// <summary>Erasure and the subject-access export, through their commands on the real database.</summary>
public sealed class ErasureAndExportTests
{
    private readonly EventRecorder _events = new();
    private NetworksWorld _world = null!;
    private Guid _network, _institution, _contactOf;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync(services => EventRecorder.Register(services, _events));
        _network = await _world.AddNetworkAsync("Riverside");
        _institution = await _world.AddInstitutionAsync("Bow Surgery");
        _contactOf = await _world.AddInstitutionAsync("Bow Carers Group");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    /// <summary>A person with something in every field and table this module holds.</summary>
    private async Task<(Guid Id, string Unique)> FullPersonAsync()
    {
        var u = Unique();
        var id = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command
        {
            FullName = $"Priya Patel {u}", PreferredName = $"Pri{u}", Email = $"priya{u}@example.org", Phone = "07700 900321", Postcode = "E14 5AB",
            PreferredLanguage = "gu", ContactChannel = "email", AccessNeeds = $"Step-free access {u}", HowWeMet = $"Stall at the market {u}",
            Roles = ["carer"], NetworkIds = [_network], Affiliations = [new() { InstitutionId = _institution, Role = "leader" }],
            Ethnicity = $"Indian {u}", Faith = $"Hindu {u}", HealthConditions = $"Diabetes {u}",
            ConsentsGiven = [ConsentPurposes.Contact, ConsentPurposes.SpecialCategory], ConsentChannel = "paper", ConsentWording = "Form v3",
        });
        await _world.SendAsAsync(_world.Organiser, new AddPersonNote.Command { PersonId = id, Body = $"Talked about her mother's care {u}" });
        await using var connection = _world.App.OpenDatabase();
        await connection.ExecuteAsync("UPDATE networks_institution SET main_contact_id = @id WHERE id = @institution",
            new { id = id.ToString(), institution = _contactOf.ToString() });
        return (id, u);
    }

    private Task<bool> EraseAsync(Guid id, NetworksWorld.User? user = null) =>
        _world.SendAsAsync(user ?? _world.Organiser, new ErasePerson.Command { PersonId = id, Confirmed = true });

    private Task<ExportPersonalData.Result?> ExportAsync(Guid id, NetworksWorld.User? user = null) =>
        _world.SendAsAsync(user ?? _world.Organiser, new ExportPersonalData.Command(id, "JSON"));

    [Test]
    public async Task Erasure_leaves_nothing_that_identifies_them_in_the_person_row()
    {
        var (id, u) = await FullPersonAsync();
        await EraseAsync(id);

        var row = (IDictionary<string, object?>)(await QueryAsync<dynamic>(_world, "SELECT * FROM networks_person WHERE id = @id", new { id = id.ToString() })).Single();
        Assert.That(row["full_name"], Is.EqualTo(ErasePerson.ErasedName));
        Assert.That(row["erased_at"], Is.Not.Null);
        foreach (var column in new[] { "preferred_name", "email", "email_normalized", "phone", "phone_normalized", "postcode", "postcode_normalized",
                     "preferred_language", "contact_channel", "access_needs", "how_we_met", "ethnicity", "faith", "health_conditions", "external_id" })
        {
            Assert.That(row[column], Is.Null, column);
        }
        Assert.That(row["search_text"], Is.EqualTo(""));
        Assert.That(string.Join("|", row.Values), Does.Not.Contain(u), "no trace of any value they gave");
        Assert.That(await ScalarAsync<int>(_world, "SELECT COUNT(*) FROM networks_person_note WHERE person_id = @id", new { id = id.ToString() }), Is.Zero);
        Assert.That(await ScalarAsync<string?>(_world, "SELECT main_contact_id FROM networks_institution WHERE id = @i", new { i = _contactOf.ToString() }), Is.Null);
    }

    [Test]
    public async Task Erasure_keeps_the_consent_history_without_identity()
    {
        var (id, u) = await FullPersonAsync();
        var before = await QueryAsync<string>(_world, "SELECT purpose || state || wording || occurred_on FROM networks_consent WHERE person_id = @id ORDER BY purpose", new { id = id.ToString() });
        await EraseAsync(id);

        var after = await QueryAsync<dynamic>(_world, "SELECT * FROM networks_consent WHERE person_id = @id ORDER BY purpose", new { id = id.ToString() });
        Assert.That(after.Select(c => (string)(c.purpose + c.state + c.wording + c.occurred_on)), Is.EqualTo(before), "the evidence of what was agreed stays");
        foreach (IDictionary<string, object?> consent in after)
        {
            Assert.That(string.Join("|", consent.Values), Does.Not.Contain(u).And.Not.Contain("Priya").And.Not.Contain("priya"));
        }
        // The person they point at is no one in particular now.
        Assert.That(await ScalarAsync<string>(_world, "SELECT full_name FROM networks_person WHERE id = @id", new { id = id.ToString() }), Is.EqualTo(ErasePerson.ErasedName));
    }

    [Test]
    public async Task Erasure_takes_them_out_of_the_search_index()
    {
        var (id, u) = await FullPersonAsync();
        Assert.That(await SearchIndexAsync(_world, $"priya{u}"), Does.Contain(id), "found before");

        await EraseAsync(id);

        foreach (var fragment in new[] { $"priya patel {u}", $"priya{u}@example.org", "07700900321", "e145ab" })
        {
            Assert.That(await SearchIndexAsync(_world, fragment), Does.Not.Contain(id), fragment);
        }
        var listed = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters($"priya{u}", IncludeErased: true), 1, 50));
        Assert.That(listed.People.Items, Is.Empty);
        if (_world.App.Engine == DatabaseEngine.Sqlite)
        {
            Assert.That(await ScalarAsync<int>(_world, "INSERT INTO networks_person_search (networks_person_search, rank) VALUES ('integrity-check', 1); SELECT 1"), Is.EqualTo(1),
                "the index agrees with its table");
        }
    }

    [Test]
    public async Task Erasure_is_published_audited_and_cannot_happen_twice()
    {
        var (id, u) = await FullPersonAsync();
        await EraseAsync(id);

        Assert.That(_events.Of<PersonErased>(), Does.Contain(new PersonErased(id)));
        var audit = await QueryAsync<(string Kind, string UserName, string Summary)>(_world,
            "SELECT kind, user_name, summary FROM platform_audit WHERE subject_id = @id AND kind = 'networks.person-erased'", new { id = id.ToString() });
        Assert.That(audit.Select(a => (a.Kind, a.UserName)), Is.EqualTo(new[] { ("networks.person-erased", _world.Organiser.Name) }));
        Assert.That(audit.Single().Summary, Does.Not.Contain(u));

        var twice = await Assert.ThrowsAsync<ValidationFailedException>(() => EraseAsync(id));
        Assert.That(twice!.Message, Does.Contain("already been erased"));
        Assert.That(_events.Of<PersonErased>().Count(e => e.PersonId == id), Is.EqualTo(1));
    }

    [Test]
    public async Task Erasure_is_refused_unconfirmed_or_to_anyone_but_Organisers_and_then_nothing_changes()
    {
        var (id, u) = await FullPersonAsync();
        var unconfirmed = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _world.SendAsAsync(_world.Organiser, new ErasePerson.Command { PersonId = id }));
        Assert.That(unconfirmed!.Errors.Single().Field, Is.EqualTo("Confirmed"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => EraseAsync(id, _world.Leader));
        await Assert.ThrowsAsync<ValidationFailedException>(() => EraseAsync(Guid.NewGuid()));

        Assert.That(await ScalarAsync<string>(_world, "SELECT full_name FROM networks_person WHERE id = @id", new { id = id.ToString() }), Is.EqualTo($"Priya Patel {u}"));
    }

    [Test]
    public async Task When_a_consumer_of_the_erasure_fails_nothing_is_erased()
    {
        var (id, u) = await FullPersonAsync();
        _events.FailWhen = e => e is PersonErased erased && erased.PersonId == id;
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => EraseAsync(id));
        }
        finally
        {
            _events.FailWhen = null;
        }
        Assert.That(await ScalarAsync<string>(_world, "SELECT email FROM networks_person WHERE id = @id", new { id = id.ToString() }), Is.EqualTo($"priya{u}@example.org"));
        Assert.That(await ScalarAsync<int>(_world, "SELECT COUNT(*) FROM networks_person_note WHERE person_id = @id", new { id = id.ToString() }), Is.EqualTo(1));
    }

    [Test]
    public async Task The_export_holds_everything_this_module_holds_about_them()
    {
        var (id, u) = await FullPersonAsync();
        var export = (await ExportAsync(id))!.Export!;
        var networks = export.Sections.Single(s => s.Module == "networks");
        string? Value(string kind, string label) => networks.Records.First(r => r.Kind == kind).Fields.First(f => f.Key == label).Value;

        Assert.That(Value("Profile", "Full name"), Is.EqualTo($"Priya Patel {u}"));
        Assert.That(Value("Profile", "E-mail"), Is.EqualTo($"priya{u}@example.org"));
        Assert.That(Value("Profile", "Health conditions"), Is.EqualTo($"Diabetes {u}"), "special-category data is theirs too");
        Assert.That(Value("Profile", "How we met"), Is.EqualTo($"Stall at the market {u}"));
        Assert.That(Value("Roles", "Role"), Is.EqualTo("carer"));
        Assert.That(Value("Networks", "Network"), Is.EqualTo("Riverside"));
        Assert.That(Value("Affiliation", "Institution"), Is.EqualTo("Bow Surgery"));
        Assert.That(Value("Main contact for", "Institution"), Is.EqualTo("Bow Carers Group"));
        Assert.That(networks.Records.Where(r => r.Kind == "Consent").Select(r => r.Fields.First(f => f.Key == "Wording").Value), Is.EqualTo(new[] { "Form v3", "Form v3" }));
        Assert.That(Value("Note", "Text"), Is.EqualTo($"Talked about her mother's care {u}"));
    }

    [Test]
    public async Task The_export_holds_nothing_about_anyone_else()
    {
        var (id, _) = await FullPersonAsync();
        var (other, otherUnique) = await FullPersonAsync();
        var export = (await ExportAsync(id))!.Export!;
        var json = export.ToJson();
        var html = export.ToHtml("Organising for Health", "today");
        Assert.That(json, Does.Not.Contain(otherUnique).And.Not.Contain(other.ToString()));
        Assert.That(html, Does.Not.Contain(otherUnique));
    }

    [Test]
    public async Task The_json_and_html_carry_every_value_safely()
    {
        var u = Unique();
        var id = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = $"<script>alert('{u}')</script> \"Quote\"", Email = $"x{u}@example.org" });
        await _world.SendAsAsync(_world.Organiser, new AddPersonNote.Command { PersonId = id, Body = "Line one\nLine <b>two</b>" });
        var export = (await ExportAsync(id))!.Export!;

        using var document = JsonDocument.Parse(export.ToJson());
        Assert.That(document.RootElement.GetProperty("personId").GetGuid(), Is.EqualTo(id));
        var fields = document.RootElement.GetProperty("sections")[0].GetProperty("records").EnumerateArray()
            .SelectMany(r => r.GetProperty("fields").EnumerateArray()).ToDictionary(f => f.GetProperty("label").GetString()!, f => f.GetProperty("value").GetString(), StringComparer.Ordinal);
        Assert.That(fields["Full name"], Is.EqualTo($"<script>alert('{u}')</script> \"Quote\""));
        Assert.That(fields["Text"], Is.EqualTo("Line one\nLine <b>two</b>"));

        var html = export.ToHtml("Bow & Poplar", "1 Jan 2026");
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<b>"));
        Assert.That(html, Does.Contain($"&lt;script&gt;alert(&#39;{u}&#39;)&lt;/script&gt;").And.Contain("Bow &amp; Poplar"));
    }

    [Test]
    public async Task Platform_gathers_every_registered_source_into_one_export()
    {
        var (id, u) = await FullPersonAsync();
        var export = await _world.AsAsync(_world.Organiser, async (_, sp) =>
        {
            var collector = new PersonalDataCollector(sp.GetServices<IPersonalDataSource>().Append(new FakeSource()), TimeProvider.System);
            return await collector.CollectAsync(id, CancellationToken.None);
        });
        Assert.That(export.Sections.Select(s => s.Module), Is.EqualTo(new[] { "another", "networks" }));
        Assert.That(export.ToJson(), Does.Contain("Listening sessions").And.Contain($"Priya Patel {u}"));
    }

    private sealed class FakeSource : IPersonalDataSource
    {
        public ValueTask<PersonalDataSection?> CollectAsync(Guid personId, CancellationToken ct) =>
            ValueTask.FromResult<PersonalDataSection?>(new("another", "Listening sessions", [new("Session", [new("Attended", "yes")])]));
    }

    [Test]
    public async Task Exports_are_audited_and_only_for_Organisers()
    {
        var (id, _) = await FullPersonAsync();
        Assert.That(await ExportAsync(id, _world.Leader), Is.Null);
        Assert.That(await ExportAsync(Guid.NewGuid()), Is.Null);
        Assert.That(await ScalarAsync<int>(_world, "SELECT COUNT(*) FROM platform_audit WHERE subject_id = @id AND kind = 'networks.person-data-exported'", new { id = id.ToString() }), Is.Zero);

        await ExportAsync(id, _world.Admin);
        Assert.That(await QueryAsync<string>(_world, "SELECT user_name FROM platform_audit WHERE subject_id = @id AND kind = 'networks.person-data-exported'", new { id = id.ToString() }),
            Is.EqualTo(new[] { _world.Admin.Name }));
    }

    [Test]
    public async Task A_merged_records_export_points_to_the_survivor()
    {
        var (survivor, _) = await FullPersonAsync();
        var duplicate = await InsertAsync(_world, $"Dup {Unique()}");
        await _world.SendAsAsync(_world.Organiser, new MergePeople.Command { SurvivorId = survivor, DuplicateId = duplicate, Confirmed = true });
        var result = await ExportAsync(duplicate);
        Assert.That((result!.Export, result.MergedInto), Is.EqualTo(((PersonalDataExport?)null, (Guid?)survivor)));
    }
}
