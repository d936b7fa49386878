using Dapper;

namespace Organising.Benchmarks;

/// <summary>Users and audit entries, for the Admin pages.</summary>
internal static class PlatformSeed
{
    public static int Run(string[] args)
    {
        if (args.Length < 1) return 2;
        var users = Seeding.IntArg(args, 1, 500);
        var auditEntries = Seeding.IntArg(args, 2, 20_000);
        using var connection = Seeding.Open(args[0]);
        if (connection is null) return 1;

        string[] roles = ["Organiser", "Leader", "Volunteer", "Volunteer", "Volunteer", "Observer"];
        string[] kinds = ["account.sign-in", "user.invited", "user.role-changed", "settings.changed", "account.sign-in-failed"];
        var random = new Random(42);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
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
                """, new { id, email, name = $"Bench User {i:D4}", stamp = Guid.NewGuid().ToString("N"), role = roles[i % roles.Length], created = Seeding.Instant(start.AddMinutes(i)) }, transaction);
        }
        for (var i = 0; i < auditEntries; i++)
        {
            var who = ids.Count == 0 ? null : ids[random.Next(ids.Count)];
            connection.Execute("""
                INSERT INTO platform_audit (id, occurred_at, user_id, user_name, kind, subject_type, subject_id, summary)
                VALUES (@id, @at, @who, @name, @kind, 'user', @who, 'Generated for benchmarks.')
                """, new { id = Guid.CreateVersion7().ToString(), at = Seeding.Instant(start.AddSeconds(i * 1500.0)), who, name = "Bench User", kind = kinds[i % kinds.Length] }, transaction);
        }
        transaction.Commit();
        Console.WriteLine($"Seeded {users} users and {auditEntries} audit entries");
        return 0;
    }
}
