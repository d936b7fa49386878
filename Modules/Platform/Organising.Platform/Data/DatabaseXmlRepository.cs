using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Organising.Platform.Data;

/// <summary>
/// Data Protection keys in the database (platform_data_protection_key), so every app instance on the database
/// reads and unprotects with the same keys: a cookie issued by one instance is accepted by the others, and
/// moving an install to PostgreSQL carries its keys with it. Keys an older install kept as files in the data
/// folder are taken in once, so nobody is signed out by the upgrade.
/// </summary>
public sealed class DatabaseXmlRepository(IDbConnectionFactory factory, TimeProvider clock, string? legacyKeysDirectory) : IXmlRepository
{
    private const string AllSql = "SELECT xml FROM platform_data_protection_key ORDER BY created_at, name";
    private const string InsertSql = """
        INSERT INTO platform_data_protection_key (name, xml, created_at) VALUES (@name, @xml, @createdAt)
        ON CONFLICT (name) DO NOTHING
        """;

    private int _legacyChecked;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        if (Interlocked.Exchange(ref _legacyChecked, 1) == 0) TakeInLegacyKeys();
        using var connection = Open();
        return connection.Query<string>(AllSql).Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName) =>
        Store(friendlyName, element.ToString(SaveOptions.DisableFormatting), clock.GetUtcNow());

    private void Store(string name, string xml, DateTimeOffset createdAt)
    {
        using var connection = Open();
        connection.Execute(InsertSql, new { name, xml, createdAt });
    }

    private void TakeInLegacyKeys()
    {
        if (legacyKeysDirectory is null || !Directory.Exists(legacyKeysDirectory)) return;
        foreach (var file in Directory.GetFiles(legacyKeysDirectory, "*.xml"))
        {
            Store(Path.GetFileNameWithoutExtension(file), XElement.Load(file).ToString(SaveOptions.DisableFormatting), File.GetCreationTimeUtc(file));
        }
    }

    // The Data Protection API is synchronous; opening a pooled connection does not wait on anything of the app's.
    private System.Data.Common.DbConnection Open() => factory.OpenAsync().AsTask().GetAwaiter().GetResult();
}
