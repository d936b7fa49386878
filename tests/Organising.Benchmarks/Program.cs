using Dapper;
using Microsoft.Data.Sqlite;

// Benchmark data generator: fills an install's database with realistic volumes so list pages
// are measured on more than an empty table. Run after the app has created and migrated the database.
//   dotnet run --project tests/Organising.Benchmarks -- seed DATA_DIR [users] [auditEntries]
if (args.Length < 2 || args[0] != "seed")
{
    Console.Error.WriteLine("Usage: Organising.Benchmarks seed DATA_DIR [users=500] [auditEntries=20000]");
    return 2;
}

var database = Path.Combine(args[1], "organising.db");
var users = args.Length > 2 ? int.Parse(args[2]) : 500;
var auditEntries = args.Length > 3 ? int.Parse(args[3]) : 20_000;
if (!File.Exists(database))
{
    Console.Error.WriteLine($"No database at {database}: start the app once first.");
    return 1;
}

string[] roles = ["Organiser", "Leader", "Volunteer", "Volunteer", "Volunteer", "Observer"];
string[] kinds = ["account.sign-in", "user.invited", "user.role-changed", "settings.changed", "account.sign-in-failed"];
var random = new Random(42);
var start = DateTimeOffset.UtcNow.AddDays(-365);
static string Instant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

using var connection = new SqliteConnection($"Data Source={database}");
connection.Open();
using var transaction = connection.BeginTransaction();
var ids = new List<string>();
for (var i = 0; i < users; i++)
{
    var id = Guid.CreateVersion7().ToString();
    ids.Add(id);
    var email = $"bench.user{i}@example.org";
    connection.Execute("""
        INSERT INTO platform_user (id, user_name, normalized_user_name, email, normalized_email, display_name, password_hash,
            security_stamp, concurrency_stamp, role, is_disabled, lockout_enabled, access_failed_count, created_at)
        VALUES (@id, @email, upper(@email), @email, upper(@email), @name, NULL, @stamp, @stamp, @role, 0, 1, 0, @created)
        ON CONFLICT DO NOTHING
        """, new { id, email, name = $"Bench User {i:D4}", stamp = Guid.NewGuid().ToString("N"), role = roles[i % roles.Length], created = Instant(start.AddMinutes(i)) }, transaction);
}
for (var i = 0; i < auditEntries; i++)
{
    var who = ids.Count == 0 ? null : ids[random.Next(ids.Count)];
    connection.Execute("""
        INSERT INTO platform_audit (id, occurred_at, user_id, user_name, kind, subject_type, subject_id, summary)
        VALUES (@id, @at, @who, @name, @kind, 'user', @who, 'Generated for benchmarks.')
        """, new { id = Guid.CreateVersion7().ToString(), at = Instant(start.AddSeconds(i * 1500.0)), who, name = "Bench User", kind = kinds[i % kinds.Length] }, transaction);
}
transaction.Commit();
Console.WriteLine($"Seeded {users} users and {auditEntries} audit entries into {database}");
return 0;
