using System.Net;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Organising.Platform.Data;
using Organising.Platform.Identity;
using Organising.Platform.Operations;
using Organising.Platform.Settings;

namespace Organising.Platform.Tests;

/// <summary>The database floor: migrations, Dapper type handlers, the Identity store, local days, backup and restore.</summary>
public sealed class DataTests
{
    private PlatformWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _world = await PlatformWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _world.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var directory in _scratch.Where(Directory.Exists))
        {
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    private readonly List<string> _scratch = [];

    /// <summary>A temporary directory removed when the fixture ends.</summary>
    private string Scratch()
    {
        var directory = TestApp.NewDataDirectory();
        _scratch.Add(directory);
        return directory;
    }

    [Test]
    public async Task Each_module_has_its_own_migration_journal()
    {
        await using var connection = _world.App.OpenDatabase();
        var platform = (await connection.QueryAsync<string>("SELECT ScriptName FROM platform_schema_versions ORDER BY ScriptName")).ToList();
        var networks = (await connection.QueryAsync<string>("SELECT ScriptName FROM networks_schema_versions ORDER BY ScriptName")).ToList();

        Assert.That(platform, Is.Not.Empty);
        Assert.That(platform, Has.All.StartWith("Organising.Platform.Data.Migrations."));
        Assert.That(platform, Has.Some.EndsWith("0001_create_user.sql"));
        Assert.That(networks, Is.Not.Empty);
        Assert.That(networks, Has.All.StartWith("Organising.Networks.Data.Migrations."));
    }

    [Test]
    public void Each_engine_runs_its_own_version_of_a_script_and_every_shared_script()
    {
        var networks = Organising.Networks.NetworksModule.Definition;
        var sqlite = Migrator.ScriptsFor(networks, DatabaseEngine.Sqlite).Select(n => n[networks.MigrationResourcePrefix.Length..]).ToList();
        var postgres = Migrator.ScriptsFor(networks, DatabaseEngine.Postgres).Select(n => n[networks.MigrationResourcePrefix.Length..]).ToList();

        Assert.That(sqlite, Does.Contain("0006_person_search_index.sql").And.Not.Contain("0006_person_search_index.postgres.sql"));
        Assert.That(postgres, Does.Contain("0006_person_search_index.postgres.sql").And.Not.Contain("0006_person_search_index.sql"));
        Assert.That(sqlite, Does.Contain("0001_create_networks.sql"));
        Assert.That(postgres, Does.Contain("0001_create_networks.sql"));
        Assert.That(sqlite.Count, Is.EqualTo(postgres.Count), "one version of each script on each engine");
    }

    [Test]
    public async Task Starting_again_on_the_same_data_applies_nothing_twice_and_keeps_the_data()
    {
        var directory = Scratch();
        long journal;
        string? postgres;
        await using (var first = TestApp.Start(dataDirectory: directory))
        {
            postgres = first.PostgresConnectionString;
            first.KeepData = true;
            using var admin = await first.SetUpAdministratorAsync();
            await using var connection = first.OpenDatabase();
            journal = await connection.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM platform_schema_versions) + (SELECT COUNT(*) FROM networks_schema_versions)");
        }
        await using var second = TestApp.Start(dataDirectory: directory, postgres: postgres);
        await using (var connection = second.OpenDatabase())
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT (SELECT COUNT(*) FROM platform_schema_versions) + (SELECT COUNT(*) FROM networks_schema_versions)"), Is.EqualTo(journal));
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_user"), Is.EqualTo(1));
        }
        using var signedIn = await second.SignInAsync("admin@example.org");
        Assert.That((await signedIn.GetAsync("/Admin/Users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Guids_and_instants_round_trip_as_text()
    {
        await using var connection = _world.App.OpenDatabase();
        var id = Guid.CreateVersion7();
        var at = new DateTimeOffset(2025, 6, 1, 10, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234567);

        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT @id", new { id }), Is.EqualTo(id.ToString("D")));
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT @at", new { at }), Is.EqualTo("2025-06-01T09:30:15.1234567Z"));
        Assert.That(await connection.ExecuteScalarAsync<Guid>("SELECT @id", new { id }), Is.EqualTo(id));
        Assert.That(await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT @at", new { at }), Is.EqualTo(at));
        Assert.That(await connection.QuerySingleAsync<Guid?>("SELECT @id", new { id }), Is.EqualTo(id));
        var row = await connection.QuerySingleAsync<Row>("SELECT @id AS id, @at AS at, NULL AS maybe_id, NULL AS maybe_at", new { id, at });
        Assert.That(row.Id, Is.EqualTo(id));
        Assert.That(row.At, Is.EqualTo(at));
        Assert.That(row.MaybeId, Is.Null);
        Assert.That(row.MaybeAt, Is.Null);
    }

    [Test]
    public async Task A_NULL_reads_as_a_null_Guid_or_instant()
    {
        await using var connection = _world.App.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<Guid?>("SELECT NULL"), Is.Null);
        Assert.That(await connection.ExecuteScalarAsync<DateTimeOffset?>("SELECT NULL"), Is.Null);
        Assert.That(await connection.QuerySingleAsync<Guid?>("SELECT NULL"), Is.Null);
        Assert.That(await connection.QuerySingleAsync<DateTimeOffset?>("SELECT NULL"), Is.Null);
        Assert.That(await connection.QuerySingleOrDefaultAsync<DateTimeOffset?>("SELECT last_sign_in_at FROM platform_user WHERE id = @id",
            new { id = (await _world.NewUserAsync(Roles.Leader)).Id }), Is.Null);
    }

    [Test]
    public async Task A_nullable_parameter_is_stored_as_text_or_NULL()
    {
        await using var connection = _world.App.OpenDatabase();
        Guid? some = Guid.CreateVersion7();
        Guid? none = null;
        DateTimeOffset? when = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT @some || ',' || COALESCE(@none, 'null') || ',' || @when", new { some, none, when }),
            Is.EqualTo($"{some:D},null,2025-01-02T03:04:05.0000000Z"));
        if (_world.App.Engine == DatabaseEngine.Sqlite)
        {
            Assert.That(await connection.ExecuteScalarAsync<string>("SELECT typeof(@some) || ',' || typeof(@none)", new { some, none }), Is.EqualTo("text,null"));
        }
    }

    [Test]
    public async Task Text_is_stored_without_NUL_characters_on_either_engine()
    {
        await using var connection = _world.App.OpenDatabase();
        var key = "test.nul." + Guid.NewGuid().ToString("N");
        await connection.ExecuteAsync("INSERT INTO platform_setting (key, value) VALUES (@key, @value)", new { key, value = "a\0b\0" });
        Assert.That(await connection.ExecuteScalarAsync<string>("SELECT value FROM platform_setting WHERE key = @key", new { key }), Is.EqualTo("ab"));
        await connection.ExecuteAsync("DELETE FROM platform_setting WHERE key = @key", new { key });
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public DateTimeOffset At { get; init; }
        public Guid? MaybeId { get; init; }
        public DateTimeOffset? MaybeAt { get; init; }
    }

    [Test]
    public async Task Roles_go_through_UserManager_in_their_canonical_spelling()
    {
        var (id, _) = await _world.NewUserAsync(Roles.Volunteer);
        await using var scope = _world.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id.ToString());

        await users.RemoveFromRoleAsync(user!, Roles.Volunteer);
        var added = await users.AddToRoleAsync(user!, Roles.Leader);
        Assert.That(added.Succeeded, Is.True);
        Assert.That(await users.IsInRoleAsync(user!, Roles.Leader), Is.True);
        Assert.That(await users.GetRolesAsync(user!), Is.EqualTo(new[] { Roles.Leader }));

        Assert.That(await _world.CountAsync("SELECT COUNT(*) FROM platform_user WHERE id = @id AND role = 'Leader'", new { id = id.ToString() }), Is.EqualTo(1));

        var leaders = await users.GetUsersInRoleAsync("leader");
        Assert.That(leaders.Select(u => u.Id), Does.Contain(id).And.Contain(_world.Leader.Id));
        Assert.That(leaders.Select(u => u.Role).Distinct(), Is.EqualTo(new[] { Roles.Leader }));
    }

    [Test]
    public async Task Identity_finds_users_by_address_whatever_its_case()
    {
        await using var scope = _world.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(_world.Organiser.Email.ToUpperInvariant());
        Assert.That(user?.Id, Is.EqualTo(_world.Organiser.Id));
        Assert.That(await users.CheckPasswordAsync(user!, TestApp.Password), Is.True);
    }

    [TestCase("Europe/London", "2025-03-30", "2025-03-30T00:00:00Z")]
    [TestCase("Europe/London", "2025-07-01", "2025-06-30T23:00:00Z")]
    [TestCase("America/Santiago", "2025-09-07", "2025-09-07T04:00:00Z")]
    [TestCase("America/Havana", "2025-03-09", "2025-03-09T05:00:00Z")]
    public async Task A_local_day_begins_at_its_first_existing_minute(string zone, string day, string expectedUtc)
    {
        var time = new OrganisationTime(FixedSettings(zone));
        var start = await time.StartOfLocalDayAsync(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(start, Is.EqualTo(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task The_audit_page_accepts_a_day_whose_midnight_does_not_exist()
    {
        await _world.Admin.Browser.SubmitAsync("/Admin/Settings", new() { ["Input.TimeZoneId"] = "America/Santiago" });
        try
        {
            var page = await _world.Admin.Browser.GetAsync("/Admin/Audit?from=2025-09-07");
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            await _world.Admin.Browser.SubmitAsync("/Admin/Settings", new() { ["Input.TimeZoneId"] = "Europe/London" });
        }
    }

    /// <summary>The settings cache over a throwaway database holding one time zone.</summary>
    private static OrganisationSettingsCache FixedSettings(string zone)
    {
        var path = Path.Combine(TestApp.NewDataDirectory(), "organising.db"); // tiny; left for the OS to clear
        using (var connection = new SqliteConnection(SqliteConnectionFactory.BuildConnectionString(path)))
        {
            connection.Open();
            connection.Execute("CREATE TABLE platform_setting (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            connection.Execute("INSERT INTO platform_setting VALUES ('organisation.time_zone', @zone)", new { zone });
        }
        return new OrganisationSettingsCache(new SqliteConnectionFactory(path));
    }

    /// <summary>Backing up a PostgreSQL database is pg_dump's job (README), not the app's.</summary>
    private void SqliteOnly()
    {
        if (_world.App.Engine != DatabaseEngine.Sqlite) Assert.Ignore("Backup and restore of the SQLite file; PostgreSQL is backed up with pg_dump.");
    }

    [Test]
    public async Task A_backup_of_the_live_database_restores_to_a_working_install()
    {
        SqliteOnly();
        var backup = Path.Combine(Scratch(), "backup.db");
        DatabaseBackup.Backup(_world.App.DatabasePath, backup);
        var (_, afterBackup) = await _world.NewUserAsync(Roles.Observer);

        var restoredDirectory = Scratch();
        DatabaseBackup.Restore(backup, Path.Combine(restoredDirectory, "organising.db"));
        await using var restored = TestApp.Start(dataDirectory: restoredDirectory);
        await using (var connection = restored.OpenDatabase())
        {
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_user WHERE email = @email", new { email = _world.Leader.Email }), Is.EqualTo(1));
            Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_user WHERE email = @email", new { email = afterBackup }), Is.Zero);
            Assert.That(await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"), Is.EqualTo("wal"));
        }
        using var admin = await restored.SignInAsync("admin@example.org");
        Assert.That((await admin.GetAsync("/Admin/Audit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Restoring_something_that_is_not_a_database_leaves_the_database_alone()
    {
        SqliteOnly();
        var directory = Scratch();
        var database = Path.Combine(directory, "organising.db");
        DatabaseBackup.Backup(_world.App.DatabasePath, database);
        var before = File.ReadAllBytes(database);
        var junk = Path.Combine(directory, "junk.db");
        File.WriteAllText(junk, "this is not SQLite, just some text that is long enough to have a header............................");

        Assert.That(() => DatabaseBackup.Restore(junk, database), Throws.InstanceOf<SqliteException>().Or.InstanceOf<InvalidDataException>());
        Assert.That(() => DatabaseBackup.Restore(Path.Combine(directory, "missing.db"), database), Throws.InstanceOf<FileNotFoundException>());
        Assert.That(File.ReadAllBytes(database), Is.EqualTo(before));
    }

    [Test, NonParallelizable]
    public async Task The_host_backup_and_restore_commands_round_trip_the_database()
    {
        SqliteOnly();
        var destination = Path.Combine(Scratch(), "nightly.db");
        var restoredDirectory = Scratch();
        var main = typeof(Program).Assembly.EntryPoint!;
        int RunHost(string dataDirectory, params string[] args)
        {
            var previous = Environment.GetEnvironmentVariable("Organising__DataDirectory");
            Environment.SetEnvironmentVariable("Organising__DataDirectory", dataDirectory);
            try { return (int)main.Invoke(null, [args])!; }
            finally { Environment.SetEnvironmentVariable("Organising__DataDirectory", previous); }
        }

        Assert.That(RunHost(_world.App.DataDirectory, "backup", destination), Is.Zero);
        Assert.That(RunHost(_world.App.DataDirectory, "backup"), Is.EqualTo(2), "usage");
        Assert.That(RunHost(restoredDirectory, "restore", Path.Combine(restoredDirectory, "missing.db")), Is.EqualTo(1));
        Assert.That(RunHost(restoredDirectory, "restore", destination), Is.Zero);

        await using var restored = TestApp.Start(dataDirectory: restoredDirectory);
        await using var connection = restored.OpenDatabase();
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM platform_user WHERE email = 'admin@example.org'"), Is.EqualTo(1));
        using var admin = await restored.SignInAsync("admin@example.org");
    }

    [Test, NonParallelizable]
    public void The_host_backup_and_restore_commands_point_to_pg_dump_on_PostgreSQL()
    {
        var main = typeof(Program).Assembly.EntryPoint!;
        var backup = Path.Combine(Scratch(), "nightly.db");
        var previous = Environment.GetEnvironmentVariable(DatabaseTarget.ProviderSetting);
        var (error, previousError) = (new StringWriter(), Console.Error);
        Environment.SetEnvironmentVariable(DatabaseTarget.ProviderSetting, "Postgres");
        Console.SetError(error);
        try
        {
            Assert.That((int)main.Invoke(null, [new[] { "backup", backup }])!, Is.EqualTo(1));
            Assert.That((int)main.Invoke(null, [new[] { "restore", backup }])!, Is.EqualTo(1));
        }
        finally
        {
            Environment.SetEnvironmentVariable(DatabaseTarget.ProviderSetting, previous);
            Console.SetError(previousError);
        }
        Assert.That(error.ToString().TrimEnd().Split('\n'), Has.Length.EqualTo(2).And.All.Contain("SQLite file only").And.All.Contain("pg_dump"));
        Assert.That(File.Exists(backup), Is.False);
    }
}
