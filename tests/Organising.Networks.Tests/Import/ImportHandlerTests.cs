using System.Text;
using Dapper;
using Organising.Networks.Areas.Networks.Pages.Import;
using Organising.Networks.Areas.Networks.Pages.People;
using Organising.Networks.Import;
using Organising.Platform.Pipeline;

namespace Organising.Networks.Tests.Import;

/// <summary>Preview and confirm through the mediator on the real database: row checks, all-or-nothing and idempotency.</summary>
public sealed class ImportHandlerTests
{
    private NetworksWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _world = await NetworksWorld.StartAsync();
        await _world.AddNetworkAsync("Riverside estate");
        await _world.AddNetworkAsync("Diabetes pathway");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _world.DisposeAsync();

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private Task<Guid> UploadAsync(string csv, string kind = ImportKinds.People, NetworksWorld.User? user = null) =>
        _world.SendAsAsync(user ?? _world.Organiser, new UploadImport.Command(kind, "people.csv", Encoding.UTF8.GetBytes(csv)));

    private async Task<GetImportPreview.Result> PreviewAsync(Guid id, NetworksWorld.User? user = null) =>
        (await _world.SendAsAsync(user ?? _world.Organiser, new GetImportPreview.Query(id, 1, false)))!;

    private Task<ConfirmImport.Result> ConfirmAsync(Guid id, NetworksWorld.User? user = null) =>
        _world.SendAsAsync(user ?? _world.Organiser, new ConfirmImport.Command(id));

    private async Task<int> PeopleCountAsync(string tag)
    {
        await using var db = _world.App.OpenDatabase();
        return await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_person WHERE full_name LIKE @pattern", new { pattern = $"%{tag}%" });
    }

    private static IReadOnlyList<string> ErrorsOfRow(GetImportPreview.Result preview, int row) => preview.Rows.Items.Single(r => r.Number == row).Errors;

    [Test]
    public async Task The_preview_gives_each_row_its_own_errors()
    {
        var tag = Tag();
        var existing = await _world.SendAsAsync(_world.Organiser, new SavePerson.Command { FullName = $"Kept Keyless {tag}", Phone = "07700 900555" });
        Assert.That(existing, Is.Not.EqualTo(Guid.Empty));
        var id = await UploadAsync($"""
            full_name,email,networks,phone,external_id
            Good Row {tag},good.{tag}@example.org,Riverside estate,,
            Bad Email {tag},not-an-address,,,
            Unknown Network {tag},un.{tag}@example.org,Atlantis,,
            ,noname.{tag}@example.org,,,
            Kept Keyless {tag},,,07700 900555,
            Twin {tag},good.{tag}@example.org,,,
            {new string('x', 201)},long.{tag}@example.org,,,
            """);
        var preview = await PreviewAsync(id);

        Assert.That(preview.Rows.Items.Single(r => r.Number == 2).Status, Is.EqualTo(RowStatuses.New));
        Assert.That(ErrorsOfRow(preview, 3), Is.EqualTo(new[] { "“not-an-address” is not an e-mail address like name@example.org." }));
        Assert.That(ErrorsOfRow(preview, 4), Is.EqualTo(new[] { "There is no network called “Atlantis”. Check its spelling against the Networks page." }));
        Assert.That(ErrorsOfRow(preview, 5), Is.EqualTo(new[] { "Enter their full name: it is the one thing every person needs." }));
        Assert.That(ErrorsOfRow(preview, 6).Single(), Does.StartWith($"Duplicate of an existing person: Kept Keyless {tag} is already recorded."));
        Assert.That(ErrorsOfRow(preview, 7), Is.EqualTo(new[] { "The same e-mail address as row 2." }));
        Assert.That(ErrorsOfRow(preview, 8), Is.EqualTo(new[] { "Full name is longer than 200 characters." }));
        Assert.That((preview.New, preview.Errors), Is.EqualTo((1, 6)));
    }

    [Test]
    public async Task Rows_with_errors_block_the_whole_import()
    {
        var tag = Tag();
        var id = await UploadAsync($"full_name,email\nFine {tag},fine.{tag}@example.org\nBroken {tag},broken\n");
        var result = await ConfirmAsync(id);
        Assert.That((result.Found, result.Confirmed, result.ErrorRows), Is.EqualTo((true, false, 1)));
        Assert.That(await PeopleCountAsync(tag), Is.Zero);
    }

    [Test]
    public async Task A_failure_part_way_through_the_confirm_leaves_nothing_behind()
    {
        var tag = Tag();
        var id = await UploadAsync($"full_name,email,networks\nFirst {tag},first.{tag}@example.org,Riverside estate\nSecond {tag},second.{tag}@example.org,\nExplode {tag},explode.{tag}@example.org,\n");
        await using (var db = _world.App.OpenDatabase())
        {
            // The third insert fails inside the database, after two people and a network link have been written.
            await db.ExecuteAsync(_world.App.Engine == DatabaseEngine.Sqlite
                ? $"CREATE TRIGGER fail_import_{tag} BEFORE INSERT ON networks_person WHEN new.full_name = 'Explode {tag}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;"
                : $"""
                    CREATE FUNCTION fail_import_{tag}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
                    CREATE TRIGGER fail_import_{tag} BEFORE INSERT ON networks_person FOR EACH ROW WHEN (new.full_name = 'Explode {tag}') EXECUTE FUNCTION fail_import_{tag}();
                    """);
        }
        try
        {
            Assert.That(async () => await ConfirmAsync(id), Throws.Exception.Message.Contains("disk on fire"));
        }
        finally
        {
            await using var db = _world.App.OpenDatabase();
            await db.ExecuteAsync(_world.App.Engine == DatabaseEngine.Sqlite ? $"DROP TRIGGER fail_import_{tag}" : $"DROP TRIGGER fail_import_{tag} ON networks_person");
        }
        Assert.That(await PeopleCountAsync(tag), Is.Zero);
        await using (var db = _world.App.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM platform_audit WHERE kind = 'networks.import-confirmed' AND subject_id = @id", new { id = id.ToString() }), Is.Zero);
        }

        var retry = await ConfirmAsync(id);
        Assert.That((retry.Confirmed, retry.Added), Is.EqualTo((true, 3)), "the upload is still there to confirm once the fault is gone");
        Assert.That(await PeopleCountAsync(tag), Is.EqualTo(3));
    }

    [Test]
    public async Task Importing_the_same_file_twice_adds_nobody_twice()
    {
        var tag = Tag();
        var csv = $"""
            full_name,email,external_id,roles,networks,postcode
            Email Person {tag},email.{tag}@example.org,,patient,Riverside estate,e14 5ab
            Id Person {tag},,EXT-{tag},carer;resident,Diabetes pathway; Riverside estate,
            """;
        var first = await ConfirmAsync(await UploadAsync(csv));
        Assert.That((first.Confirmed, first.Added, first.Updated, first.Unchanged), Is.EqualTo((true, 2, 0, 0)));

        var again = await UploadAsync(csv);
        var preview = await PreviewAsync(again);
        Assert.That((preview.New, preview.Updated, preview.Unchanged, preview.Errors), Is.EqualTo((0, 0, 2, 0)));
        var second = await ConfirmAsync(again);
        Assert.That((second.Confirmed, second.Added, second.Unchanged), Is.EqualTo((true, 0, 2)));
        Assert.That(await PeopleCountAsync(tag), Is.EqualTo(2));

        await using var db = _world.App.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT postcode FROM networks_person WHERE email_normalized = @e", new { e = $"email.{tag}@example.org" }), Is.EqualTo("E14 5AB"));
        Assert.That(await db.ExecuteScalarAsync<int>("""
            SELECT COUNT(*) FROM networks_person_network pn JOIN networks_person p ON p.id = pn.person_id WHERE p.external_id = @x
            """, new { x = $"EXT-{tag}" }), Is.EqualTo(2));
        Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM platform_audit WHERE kind = 'networks.import-confirmed'"), Is.GreaterThanOrEqualTo(2));
    }

    [Test]
    public async Task A_row_matches_on_email_first_then_on_external_id_and_updates_what_it_fills_in()
    {
        var tag = Tag();
        await ConfirmAsync(await UploadAsync($"full_name,email,external_id,phone\nMatch Me {tag},match.{tag}@example.org,,07700 900100\nBy Id {tag},,ID-{tag},\n"));

        // Different case in the e-mail, a new phone; the second row has a new e-mail and is found by its external id.
        var id = await UploadAsync($"full_name,email,external_id,phone\nMatch Me {tag},MATCH.{tag}@Example.org,,07700 900199\nBy Id {tag},byid.{tag}@example.org,ID-{tag},\n");
        var preview = await PreviewAsync(id);
        Assert.That(preview.Rows.Items.Select(r => r.Status), Is.EqualTo(new[] { RowStatuses.Updated, RowStatuses.Updated }));
        await ConfirmAsync(id);

        Assert.That(await PeopleCountAsync(tag), Is.EqualTo(2));
        await using var db = _world.App.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT phone FROM networks_person WHERE full_name = @n", new { n = $"Match Me {tag}" }), Is.EqualTo("07700 900199"));
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT email_normalized FROM networks_person WHERE external_id = @x", new { x = $"ID-{tag}" }), Is.EqualTo($"byid.{tag}@example.org"));
        // The search index follows the update.
        var found = await _world.SendAsAsync(_world.Organiser, new ListPeople.Query(new ListPeople.Filters($"byid.{tag}"), 1, 10));
        Assert.That(found.People.Items.Select(p => p.FullName), Is.EqualTo(new[] { $"By Id {tag}" }));
    }

    [Test]
    public async Task An_email_of_one_person_with_the_external_id_of_another_is_a_duplicate_error()
    {
        var tag = Tag();
        await ConfirmAsync(await UploadAsync($"full_name,email,external_id\nAnne {tag},anne.{tag}@example.org,\nBob {tag},,B-{tag}\n"));
        var preview = await PreviewAsync(await UploadAsync($"full_name,email,external_id\nAnne {tag},anne.{tag}@example.org,B-{tag}\n"));
        Assert.That(ErrorsOfRow(preview, 2).Single(), Does.StartWith("Duplicate of an existing person"));
    }

    [Test]
    public async Task Someone_elses_upload_is_not_found_for_preview_confirm_or_discard()
    {
        var tag = Tag();
        var id = await UploadAsync($"full_name\nPrivate {tag}\n");
        Assert.That(await _world.SendAsAsync(_world.Admin, new GetImportPreview.Query(id, 1, false)), Is.Null);
        Assert.That((await ConfirmAsync(id, _world.Admin)).Found, Is.False);
        Assert.That(await _world.SendAsAsync(_world.Admin, new DiscardImport.Command(id)), Is.False);
        Assert.That(await PeopleCountAsync(tag), Is.Zero);
        Assert.That((await ConfirmAsync(id)).Confirmed, Is.True, "the uploader still can");
    }

    [Test]
    public async Task An_upload_expires_after_a_day_and_is_then_deleted()
    {
        var tag = Tag();
        var old = await UploadAsync($"full_name\nStale {tag}\n");
        await using (var db = _world.App.OpenDatabase())
        {
            await db.ExecuteAsync("UPDATE networks_import SET created_at = '2020-01-01T00:00:00.0000000Z' WHERE id = @id", new { id = old.ToString() });
        }
        Assert.That(await _world.SendAsAsync(_world.Organiser, new GetImportPreview.Query(old, 1, false)), Is.Null);
        Assert.That((await ConfirmAsync(old)).Found, Is.False);
        Assert.That(await PeopleCountAsync(tag), Is.Zero);

        await UploadAsync($"full_name\nFresh {tag}\n");
        await using (var db = _world.App.OpenDatabase())
        {
            Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_import WHERE id = @id", new { id = old.ToString() }), Is.Zero);
        }
    }

    [Test]
    public async Task A_file_that_cannot_be_read_is_refused_for_the_file_field()
    {
        ValidationFailedException? refused = null;
        try
        {
            await _world.SendAsAsync(_world.Organiser, new UploadImport.Command(ImportKinds.People, "latin1.csv", Encoding.Latin1.GetBytes("full_name\nJosé\n")));
        }
        catch (ValidationFailedException ex)
        {
            refused = ex;
        }
        Assert.That(refused?.Errors, Is.EqualTo(new[] { new FieldError("Upload", ImportCsv.NotUtf8) }));
    }

    [Test]
    public async Task Only_organisers_and_administrators_may_upload()
    {
        foreach (var user in new[] { _world.Leader, _world.Volunteer, _world.Observer })
        {
            Assert.That(async () => await UploadAsync("full_name\nNobody\n", user: user), Throws.TypeOf<ValidationFailedException>(), user.Role);
        }
    }

    [Test]
    public async Task Institutions_import_and_match_on_external_id_else_name()
    {
        var tag = Tag();
        var csv = $"""
            name,type,membership,postcode,networks,external_id
            St Mary's {tag},faith,member,e14 2bg,Riverside estate,
            Cubitt School {tag},School,,,,SCH-{tag}
            Nowhere {tag},castle,,,,
            """;
        var preview = await PreviewAsync(await UploadAsync(csv, ImportKinds.Institutions));
        Assert.That(ErrorsOfRow(preview, 4).Single(), Does.StartWith("“castle” is not a type of institution"));

        var fixedCsv = csv.Replace($"Nowhere {tag},castle", $"Nowhere {tag},other");
        var first = await ConfirmAsync(await UploadAsync(fixedCsv, ImportKinds.Institutions));
        Assert.That((first.Confirmed, first.Added), Is.EqualTo((true, 3)));
        var renamed = fixedCsv.Replace($"Cubitt School {tag}", $"Cubitt Primary {tag}");
        var second = await ConfirmAsync(await UploadAsync(renamed, ImportKinds.Institutions));
        Assert.That((second.Added, second.Updated, second.Unchanged), Is.EqualTo((0, 1, 2)));

        await using var db = _world.App.OpenDatabase();
        Assert.That(await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM networks_institution WHERE name LIKE @p", new { p = $"%{tag}%" }), Is.EqualTo(3));
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT name FROM networks_institution WHERE external_id = @x", new { x = $"SCH-{tag}" }), Is.EqualTo($"Cubitt Primary {tag}"));
        Assert.That(await db.ExecuteScalarAsync<string>("SELECT postcode FROM networks_institution WHERE name = @n", new { n = $"St Mary's {tag}" }), Is.EqualTo("E14 2BG"));
    }
}
