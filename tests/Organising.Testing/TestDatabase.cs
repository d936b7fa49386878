using Npgsql;
using Organising.Platform.Data;

namespace Organising.Testing;

/// <summary>
/// Which engine the tests run on. Unset, every test app gets a fresh SQLite file; with
/// <c>ORGANISING_TEST_POSTGRES</c> set to a connection string (build/test.sh sets it for its second pass), every
/// test app gets a fresh PostgreSQL database of its own on that server instead. A module's tests that start
/// their app through <see cref="TestApp"/> or <see cref="AppWorld"/> run on both engines without doing anything.
/// </summary>
public static class TestDatabase
{
    public const string PostgresVariable = "ORGANISING_TEST_POSTGRES";

    public static string? PostgresServer => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;

    public static DatabaseEngine Engine => PostgresServer is null ? DatabaseEngine.Sqlite : DatabaseEngine.Postgres;

    /// <summary>A new, empty database on the test server; returns its connection string.</summary>
    public static string CreatePostgresDatabase()
    {
        var server = PostgresServer ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
        var name = "organising_test_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        using (var pooled = new NpgsqlConnection(connectionString)) NpgsqlConnection.ClearPool(pooled);
        using var connection = new NpgsqlConnection(PostgresServer);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }
}
