using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Organising.Platform;
using Organising.Platform.Data;
using Organising.Platform.Modules;

namespace Organising.Testing;

/// <summary>
/// A migrated database with no app around it, on the engine the tests run on (see <see cref="TestDatabase"/>),
/// for tests of the data layer itself. Each <see cref="NewFactory"/> is what one app instance would hold.
/// </summary>
public sealed class ScratchDatabase : IDisposable
{
    private readonly string? _directory;
    private readonly string? _sqlitePath;

    public ScratchDatabase(params ModuleDefinition[] modules)
    {
        if (TestDatabase.Engine == DatabaseEngine.Postgres)
        {
            Target = DatabaseTarget.Postgres(TestDatabase.CreatePostgresDatabase());
        }
        else
        {
            _directory = TestApp.NewDataDirectory();
            _sqlitePath = Path.Combine(_directory, "organising.db");
            Target = DatabaseTarget.Sqlite(_sqlitePath);
        }
        DapperTypeHandlers.Register();
        new Migrator(Target, modules.Length > 0 ? modules : [PlatformModule.Definition], NullLogger<Migrator>.Instance).MigrateAll();
    }

    public DatabaseTarget Target { get; }

    public IDbConnectionFactory NewFactory() => Target.Engine == DatabaseEngine.Postgres
        ? new PostgresConnectionFactory(Target.ConnectionString)
        : new SqliteConnectionFactory(_sqlitePath!);

    public void Dispose()
    {
        if (Target.Engine == DatabaseEngine.Postgres)
        {
            TestDatabase.DropPostgresDatabase(Target.ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory!, recursive: true); } catch (IOException) { }
    }
}
