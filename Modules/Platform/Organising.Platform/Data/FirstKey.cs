using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Organising.Platform.Data;

/// <summary>
/// The first Data Protection key of a new database, made at start-up under the migration lock. Two instances starting
/// at once on an empty database would otherwise each make a first key on their first request, and a cookie signed
/// with one would be refused by the other until its key ring next refreshed. Later keys are made days before they
/// are used, which ASP.NET Core designs for farms, so only the first needs this.
/// </summary>
public static class FirstKey
{
    public static void Ensure(IKeyManager keys, DatabaseTarget target, TimeProvider clock)
    {
        void MakeIfNone()
        {
            var now = clock.GetUtcNow();
            if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ExpirationDate > now)) return;
            keys.CreateNewKey(now, now.AddDays(90));
        }

        if (target.Engine == DatabaseEngine.Postgres) Migrator.UnderPostgresMigrationLock(target.ConnectionString, MakeIfNone);
        else MakeIfNone();
    }
}
