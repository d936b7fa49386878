using Microsoft.Data.Sqlite;

namespace Organising.Platform.Operations;

/// <summary>
/// A consistent copy of a live database through SQLite's online backup API: it can run while the
/// app serves requests. Restore checks the copy's integrity before it replaces anything.
/// </summary>
public static class DatabaseBackup
{
    public static void Backup(string databasePath, string destinationPath)
    {
        if (!File.Exists(databasePath)) throw new FileNotFoundException($"No database at {databasePath}.", databasePath);
        var destination = Path.GetFullPath(destinationPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var partial = destination + ".partial";
        File.Delete(partial);
        using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            using var journal = target.CreateCommand();
            // A backup is one self-contained file: no -wal beside it.
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            journal.ExecuteNonQuery();
        }
        EnsureIntact(partial);
        File.Move(partial, destination, overwrite: true);
    }

    /// <summary>Replaces the database with a backup. The app must be stopped.</summary>
    public static void Restore(string backupPath, string databasePath)
    {
        if (!File.Exists(backupPath)) throw new FileNotFoundException($"No backup at {backupPath}.", backupPath);
        EnsureIntact(backupPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        var partial = databasePath + ".restoring";
        File.Copy(backupPath, partial, overwrite: true);
        foreach (var sidecar in new[] { databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(sidecar);
        }
        File.Move(partial, databasePath, overwrite: true);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var wal = connection.CreateCommand();
        wal.CommandText = "PRAGMA journal_mode=WAL;";
        wal.ExecuteNonQuery();
    }

    private static void EnsureIntact(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = check.ExecuteScalar() as string;
        if (result != "ok") throw new InvalidDataException($"{path} is not an intact SQLite database: {result}");
    }
}
