using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Organising.Host;
using Organising.Platform.Modules;
using Organising.Platform.Operations;

namespace Organising.Platform.Tests;

/// <summary>
/// `copy-to-postgres`: an install's SQLite file copied into an empty PostgreSQL database and checked table by table.
/// The source is always SQLite (whichever engine the other tests run on); the copies need the PostgreSQL server of
/// ORGANISING_TEST_POSTGRES, and are ignored without it. Bad arguments are checked on either pass.
/// </summary>
[NonParallelizable] // the host command writes to the process's console
public sealed class CopyToPostgresTests
{
    private static readonly IReadOnlyList<ModuleDefinition> Modules = HostModules.Definitions(new ConfigurationBuilder().Build());

    private string _sourceDirectory = null!;
    private string SourcePath => Path.Combine(_sourceDirectory, "organising.db");
    private string _authCookie = null!;
    private readonly Dictionary<string, string> _people = new();

    /// <summary>An install with an administrator, settings, and people (one merged into a person added after them,
    /// who was merged in turn), all on SQLite.</summary>
    [OneTimeSetUp]
    public async Task MakeSourceAsync()
    {
        var app = TestApp.Start(settings: new Dictionary<string, string?> { ["Organising:Database:Provider"] = "Sqlite" });
        app.KeepData = true;
        _sourceDirectory = app.DataDirectory;
        try
        {
            await SeedAsync(app);
        }
        finally
        {
            await app.DisposeAsync();
            // On the PostgreSQL pass TestApp made a database of its own, which the setting above left unused.
            if (app.PostgresConnectionString is { } unused) TestDatabase.DropPostgresDatabase(unused);
        }
    }

    private async Task SeedAsync(TestApp app)
    {
        using (var admin = await app.SetUpAdministratorAsync())
        {
            await admin.SubmitAsync("/Admin/Settings", new() { ["Input.TimeZoneId"] = "America/Santiago" });
        }
        using var browser = app.NewBrowser();
        var signedIn = await browser.SubmitAsync("/Account/Login", new() { ["Input.Email"] = "admin@example.org", ["Input.Password"] = TestApp.Password });
        var setCookie = signedIn.Header("Set-Cookie") ?? "";
        _authCookie = setCookie[setCookie.IndexOf("organising.auth=", StringComparison.Ordinal)..].Split(';')[0];

        await using var db = app.OpenDatabase();
        const string now = "2025-06-01T09:30:00.0000000Z";
        var network = Guid.CreateVersion7().ToString();
        await db.ExecuteAsync("INSERT INTO networks_network (id, name, kind, created_at) VALUES (@network, 'Riverside', 'place', @now)", new { network, now });
        foreach (var (key, name) in new[] { ("oldest", "Amina Hasan"), ("older", "Amina Hassan"), ("current", "Amina Hassan"), ("accented", "Zoë Ó Briain") })
        {
            var id = Guid.CreateVersion7().ToString();
            _people[key] = id;
            await db.ExecuteAsync("""
                INSERT INTO networks_person (id, full_name, email, email_normalized, new_to_involvement, search_text, created_at, updated_at)
                VALUES (@id, @name, 'amina@example.org', 'amina@example.org', 1, lower(@name), @now, @now)
                """, new { id, name, now });
            await db.ExecuteAsync("INSERT INTO networks_person_network (person_id, network_id) VALUES (@id, @network)", new { id, network });
            await db.ExecuteAsync("INSERT INTO networks_person_role (person_id, role) VALUES (@id, 'patient')", new { id });
        }
        // Merged after the people were added, so each points at a row copied after its own.
        await db.ExecuteAsync("UPDATE networks_person SET merged_into = @current WHERE id = @older", new { current = _people["current"], older = _people["older"] });
        await db.ExecuteAsync("UPDATE networks_person SET merged_into = @older WHERE id = @oldest", new { older = _people["older"], oldest = _people["oldest"] });
        await db.ExecuteAsync("""
            INSERT INTO networks_consent (id, person_id, purpose, state, wording, occurred_on, channel, recorded_at, recorded_by_name)
            VALUES (@id, @person, 'contact', 'given', 'May we contact you?', '2025-05-31', 'paper', @now, 'Ada Admin')
            """, new { id = Guid.CreateVersion7().ToString(), person = _people["current"], now });
        await db.ExecuteAsync("INSERT INTO networks_person_note (id, person_id, body, created_at) VALUES (@id, @person, @body, @now)",
            new { id = Guid.CreateVersion7().ToString(), person = _people["accented"], body = "Prefers Welsh 🏴; line one\nline two, \"quoted\"", now });
        var institution = Guid.CreateVersion7().ToString();
        await db.ExecuteAsync("INSERT INTO networks_institution (id, name, type, membership, main_contact_id, created_at) VALUES (@institution, 'St Mary''s', 'faith', 'member', @person, @now)",
            new { institution, person = _people["current"], now });
        await db.ExecuteAsync("INSERT INTO networks_affiliation (person_id, institution_id, role) VALUES (@person, @institution, 'leader')", new { person = _people["current"], institution });
        await db.ExecuteAsync("UPDATE platform_write_version SET version = 41");
    }

    [OneTimeTearDown]
    public void RemoveSource()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_sourceDirectory, recursive: true); } catch (IOException) { }
    }

    private static string NewTarget()
    {
        if (TestDatabase.PostgresServer is null) Assert.Ignore($"Needs PostgreSQL: set {TestDatabase.PostgresVariable} to a connection string of a role that may create databases.");
        return TestDatabase.CreatePostgresDatabase();
    }

    [Test]
    public async Task Copies_every_table_with_equal_counts_and_checksums_and_the_app_runs_on_the_copy()
    {
        var target = NewTarget();
        try
        {
            var log = new StringWriter();
            var result = PostgresCopy.Run(SourcePath, DatabaseTarget.Postgres(target), Modules, log);

            Assert.That(result.AllMatch, Is.True, log.ToString());
            Assert.That(result.Tables.Select(t => t.Table), Is.SupersetOf(new[] { "platform_user", "platform_setting", "platform_data_protection_key", "platform_write_version", "networks_person", "networks_consent", "networks_affiliation" }));
            Assert.That(result.Tables.Select(t => t.Table), Has.None.EndsWith("_schema_versions"), "the migrator writes the journals");
            Assert.That(result.NotCopied, Does.Contain("networks_person_order").And.Contain("networks_person_search"));
            Assert.That(result.Tables.Single(t => t.Table == "networks_person").TargetRows, Is.EqualTo(4));
            Assert.That(log.ToString().TrimEnd().Split('\n')[^1], Does.StartWith("Copied ").And.Contain("every count and checksum matches"));

            await using (var pg = new NpgsqlConnection(target))
            {
                Assert.That(await pg.ExecuteScalarAsync<string>("SELECT full_name FROM networks_person WHERE id = @id", new { id = _people["accented"] }), Is.EqualTo("Zoë Ó Briain"));
                Assert.That(await pg.ExecuteScalarAsync<string>("SELECT merged_into FROM networks_person WHERE id = @id", new { id = _people["oldest"] }), Is.EqualTo(_people["older"]));
                Assert.That(await pg.ExecuteScalarAsync<string>("SELECT merged_into FROM networks_person WHERE id = @id", new { id = _people["older"] }), Is.EqualTo(_people["current"]));
                Assert.That(await pg.ExecuteScalarAsync<string>("SELECT body FROM networks_person_note"), Does.Contain("🏴").And.Contain("\nline two"));
                Assert.That(await pg.ExecuteScalarAsync<long>("SELECT version FROM platform_write_version"), Is.EqualTo(41), "the source's row, not the migration's seed");
                Assert.That(await pg.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_data_protection_key"), Is.GreaterThan(0));
                Assert.That(await pg.ExecuteScalarAsync<string>("SELECT value FROM platform_setting WHERE key = 'organisation.time_zone'"), Is.EqualTo("America/Santiago"));
                Assert.That(await pg.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'ix_networks_person_search_trgm'"), Is.EqualTo(1), "indexes dropped for the copy are built again");
            }

            await using var app = TestApp.Start(postgres: target);
            Assert.That(app.Engine, Is.EqualTo(DatabaseEngine.Postgres));
            using var admin = await app.SignInAsync("admin@example.org");
            var people = await admin.GetPageAsync("/Networks/People");
            Assert.That(people.Document.Body!.TextContent, Does.Contain("Zoë Ó Briain"));

            // A cookie the SQLite install issued still signs in: the Data Protection keys came across with the data.
            using var client = app.NewCookielessClient();
            client.DefaultRequestHeaders.Add("Cookie", _authCookie);
            using var users = await client.GetAsync("/Admin/Users");
            Assert.That(users.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            TestDatabase.DropPostgresDatabase(target);
        }
    }

    [Test]
    public async Task Refuses_a_target_that_already_holds_data_and_leaves_it_unchanged()
    {
        var target = NewTarget();
        try
        {
            new Migrator(DatabaseTarget.Postgres(target), Modules, NullLogger<Migrator>.Instance).MigrateAll();
            await using (var pg = new NpgsqlConnection(target))
            {
                await pg.ExecuteAsync("INSERT INTO platform_setting (key, value) VALUES ('organisation.name', 'Already here')");
            }
            const string state = """
                SELECT (SELECT COUNT(*) FROM platform_setting) || '/' || (SELECT COUNT(*) FROM platform_user) || '/'
                    || (SELECT COUNT(*) FROM platform_schema_versions) || '/' || (SELECT version FROM platform_write_version)
                """;
            string before;
            await using (var pg = new NpgsqlConnection(target)) before = await pg.ExecuteScalarAsync<string>(state) ?? "";

            var (exit, _, error) = RunHost("copy-to-postgres", "--from", SourcePath, "--to", target);

            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain("empty database").And.Contain("changed nothing"));
            AssertOneClearLine(error);
            await using (var pg = new NpgsqlConnection(target))
            {
                Assert.That(await pg.ExecuteScalarAsync<string>(state), Is.EqualTo(before));
            }
        }
        finally
        {
            TestDatabase.DropPostgresDatabase(target);
        }
    }

    [Test]
    public void The_host_command_copies_and_says_so_on_its_last_line()
    {
        var target = NewTarget();
        try
        {
            var (exit, output, error) = RunHost("copy-to-postgres", "--to", target, "--from", SourcePath);

            Assert.That(exit, Is.Zero, error);
            Assert.That(output, Does.Contain("networks_person ").And.Contain(" OK"));
            Assert.That(output.TrimEnd().Split('\n')[^1], Does.Match(@"^Copied [\d,]+ rows in \d+ tables in [\d.]+ s \([\d,]+ rows/s\)"));
        }
        finally
        {
            TestDatabase.DropPostgresDatabase(target);
        }
    }

    [TestCase(new string[0], 2)]
    [TestCase(new[] { "--from" }, 2)]
    [TestCase(new[] { "--from", "{source}" }, 2)]
    [TestCase(new[] { "--to", "Host=localhost;Database=x" }, 2)]
    [TestCase(new[] { "--from", "{source}", "--to", "Host=localhost;Database=x", "--force", "yes" }, 2)]
    [TestCase(new[] { "--from", "{missing}", "--to", "Host=127.0.0.1;Database=x" }, 1, "There is no SQLite database at")]
    [TestCase(new[] { "--from", "{junk}", "--to", "Host=127.0.0.1;Database=x" }, 1, "is not a readable SQLite database")]
    [TestCase(new[] { "--from", "{source}", "--to", "not a connection string" }, 1, "--to is not a PostgreSQL connection string")]
    [TestCase(new[] { "--from", "{source}", "--to", "Username=organising" }, 1, "--to must name a Host and a Database")]
    [TestCase(new[] { "--from", "{source}", "--to", "Host=127.0.0.1;Port=1;Database=x;Timeout=5" }, 1, "Cannot connect to the database x on 127.0.0.1:1")]
    public void Bad_arguments_stop_with_an_exit_code_and_one_clear_line(string[] arguments, int expectedExit, string? expectedMessage = null)
    {
        var junk = Path.Combine(_sourceDirectory, "junk.db");
        File.WriteAllText(junk, "this is not SQLite, just some text that is long enough to have a header............................");
        var args = arguments.Select(a => a.Replace("{source}", SourcePath).Replace("{missing}", Path.Combine(_sourceDirectory, "missing.db")).Replace("{junk}", junk));

        var (exit, _, error) = RunHost(["copy-to-postgres", .. args]);

        Assert.That(exit, Is.EqualTo(expectedExit), error);
        AssertOneClearLine(error);
        Assert.That(error, expectedExit == 2 ? Does.StartWith("Usage: Organising.Host copy-to-postgres --from") : Does.Contain(expectedMessage));
    }

    [Test]
    public void A_source_made_by_an_older_version_is_refused_before_the_target_is_touched()
    {
        var directory = TestApp.NewDataDirectory();
        try
        {
            var path = Path.Combine(directory, "organising.db");
            new Migrator(DatabaseTarget.Sqlite(path), Modules, NullLogger<Migrator>.Instance).MigrateAll();
            using (var db = new SqliteConnection(SqliteConnectionFactory.BuildConnectionString(path)))
            {
                db.Execute("DELETE FROM networks_schema_versions WHERE ScriptName LIKE '%0012_person_order.sql'");
            }
            SqliteConnection.ClearAllPools();

            // The target is never reached, so an address nothing listens on is fine.
            var (exit, _, error) = RunHost("copy-to-postgres", "--from", path, "--to", "Host=127.0.0.1;Port=1;Database=x");

            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain("lacks this version's migration Organising.Networks.Data.Migrations.0012_person_order.sql"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [Test]
    public void The_checksum_changes_with_any_value_and_only_with_the_values()
    {
        object?[][] rows = [["0190a1b2-0000-7000-8000-000000000001", "Amina Hassan", 1L, null], ["0190a1b2-0000-7000-8000-000000000002", "Zoë", 0L, "x"]];
        var (count, checksum) = TableChecksum.Of(rows);

        Assert.That(count, Is.EqualTo(2));
        Assert.That(TableChecksum.Of(rows.Select(r => r.ToArray())).Checksum, Is.EqualTo(checksum), "the same values");
        Assert.That(TableChecksum.Of([rows[0], ["0190a1b2-0000-7000-8000-000000000002", "Zoe", 0L, "x"]]).Checksum, Is.Not.EqualTo(checksum), "one changed letter");
        Assert.That(TableChecksum.Of([rows[0], ["0190a1b2-0000-7000-8000-000000000002", "Zoë", 1L, "x"]]).Checksum, Is.Not.EqualTo(checksum), "one changed flag");
        Assert.That(TableChecksum.Of([rows[0]]).Checksum, Is.Not.EqualTo(checksum), "a missing row");
        Assert.That(TableChecksum.Of([rows[1], rows[0]]).Checksum, Is.Not.EqualTo(checksum), "another order");

        // What the drivers hand back for the same stored values: PostgreSQL's integer is an int, its boolean a bool.
        Assert.That(TableChecksum.Of([[1L, 5L]]).Checksum, Is.EqualTo(TableChecksum.Of([[true, 5]]).Checksum));
        Assert.That(TableChecksum.Of([[DBNull.Value]]).Checksum, Is.EqualTo(TableChecksum.Of([[null]]).Checksum));
        // Values that would run together, or read alike, do not collide.
        Assert.That(TableChecksum.Of([["ab", "c"]]).Checksum, Is.Not.EqualTo(TableChecksum.Of([["a", "bc"]]).Checksum));
        Assert.That(TableChecksum.Of([[""]]).Checksum, Is.Not.EqualTo(TableChecksum.Of([[null]]).Checksum));
        Assert.That(TableChecksum.Of([["1"]]).Checksum, Is.Not.EqualTo(TableChecksum.Of([[1L]]).Checksum));
        Assert.That(TableChecksum.Of([["a"], ["b"]]).Checksum, Is.Not.EqualTo(TableChecksum.Of([["a", "b"]]).Checksum));

        var check = new TableCheck("networks_person", 2, checksum, 2, TableChecksum.Of([rows[0], ["0190a1b2-0000-7000-8000-000000000002", "Zoe", 0L, "x"]]).Checksum);
        Assert.That(check.Matches, Is.False);
        Assert.That(new PostgresCopyResult([check], []).AllMatch, Is.False);
    }

    private static (int Exit, string Output, string Error) RunHost(params string[] args)
    {
        var main = typeof(Program).Assembly.EntryPoint!;
        var (output, error) = (new StringWriter(), new StringWriter());
        var (previousOut, previousError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            return ((int)main.Invoke(null, [args])!, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(previousOut);
            Console.SetError(previousError);
        }
    }

    private static void AssertOneClearLine(string error)
    {
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }
}
