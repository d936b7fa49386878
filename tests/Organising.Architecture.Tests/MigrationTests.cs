using System.Text.RegularExpressions;
using Organising.Platform.Modules;

namespace Organising.Architecture.Tests;

/// <summary>
/// Each module's embedded migrations are numbered NNNN_description.sql, and create only tables
/// named &lt;prefix&gt;_… and indexes on those tables.
/// </summary>
public sealed partial class MigrationTests
{
    // A ".postgres" or ".sqlite" before ".sql" marks a script for one engine only (see Migrator).
    [GeneratedRegex(@"^(?<number>\d{4})_[a-z0-9_]+(?:\.(?:postgres|sqlite))?\.sql$")]
    private static partial Regex MigrationFileName();

    // CREATE TABLE/VIEW/TRIGGER, ALTER TABLE and DROP TABLE name the objects a migration owns.
    [GeneratedRegex(@"\b(?:CREATE\s+(?:TEMP(?:ORARY)?\s+)?(?:TABLE|VIEW|TRIGGER)|ALTER\s+TABLE|DROP\s+TABLE)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?<name>[\w""`\[\]]+)", RegexOptions.IgnoreCase)]
    private static partial Regex TableStatement();

    [GeneratedRegex(@"\bCREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<name>[\w""`\[\]]+)\s+ON\s+(?<table>[\w""`\[\]]+)", RegexOptions.IgnoreCase)]
    private static partial Regex IndexStatement();

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex SqlComment();

    /// <summary>The module's migrations: resource names under &lt;Assembly&gt;.Data.Migrations. ending .sql.</summary>
    public static IReadOnlyList<(string FileName, string Sql)> MigrationsOf(ModuleDefinition module) =>
        module.Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(module.MigrationResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[module.MigrationResourcePrefix.Length..], ReadResource(module, n)))
            .ToList();

    /// <summary>Names of the tables the migrations create (to prove the parser sees real SQL).</summary>
    public static IEnumerable<string> TablesCreatedBy(string sql) =>
        TableStatement().Matches(WithoutComments(sql)).Select(m => Unquote(m.Groups["name"].Value));

    /// <summary>The rule on plain text, so it can be tested on made-up migrations. One line per problem.</summary>
    public static IReadOnlyList<string> MigrationViolations(string prefix, IEnumerable<(string FileName, string Sql)> migrations)
    {
        var files = migrations.ToList();
        var violations = new List<string>();
        foreach (var (file, rawSql) in files)
        {
            if (!MigrationFileName().IsMatch(file)) violations.Add($"{file}: not named NNNN_description.sql");
            var sql = WithoutComments(rawSql);
            foreach (Match m in TableStatement().Matches(sql))
            {
                var name = Unquote(m.Groups["name"].Value);
                if (!name.StartsWith(prefix + "_", StringComparison.Ordinal)) violations.Add($"{file}: {name} is not named {prefix}_…");
            }
            foreach (Match m in IndexStatement().Matches(sql))
            {
                var (name, table) = (Unquote(m.Groups["name"].Value), Unquote(m.Groups["table"].Value));
                // Index names are global in the database, so they carry the prefix too (ix_/ux_ may come first).
                if (!new[] { "", "ix_", "ux_" }.Any(kind => name.StartsWith($"{kind}{prefix}_", StringComparison.Ordinal)))
                    violations.Add($"{file}: index {name} is not named [ix_|ux_]{prefix}_…");
                if (!table.StartsWith(prefix + "_", StringComparison.Ordinal)) violations.Add($"{file}: index {name} is on another module's table {table}");
            }
        }
        violations.AddRange(files
            .Select(f => MigrationFileName().Match(f.FileName))
            .Where(m => m.Success)
            .GroupBy(m => m.Groups["number"].Value)
            // An engine's own version of a script shares its number and name: NNNN_name.sql and NNNN_name.postgres.sql.
            .Where(g => g.Select(m => m.Value.Replace(".postgres.sql", ".sql").Replace(".sqlite.sql", ".sql")).Distinct().Count() > 1)
            .Select(g => $"number {g.Key} is used by {string.Join(" and ", g.Select(m => m.Value))}"));
        return violations;
    }

    [Test]
    public void Every_module_migration_is_numbered_and_creates_only_its_own_tables()
    {
        var modules = Solution.Definitions.Select(d => (d.TablePrefix, Files: MigrationsOf(d))).ToList();
        var files = modules.SelectMany(m => m.Files).ToList();
        Assert.That(files, Is.Not.Empty);
        Assert.That(files.SelectMany(f => TablesCreatedBy(f.Sql)), Is.Not.Empty);

        Assert.That(modules.SelectMany(m => MigrationViolations(m.TablePrefix, m.Files)), Is.Empty);
    }

    // The rule itself, on made-up migrations for a module with prefix "networks".

    [TestCase("0001_create_person.sql", "CREATE TABLE IF NOT EXISTS networks_person (id TEXT);", 0)]
    [TestCase("0001_create_person.sql", "CREATE TABLE person (id TEXT);", 1)]
    [TestCase("0001_create_member.sql", "CREATE TABLE \"teams_member\" (id TEXT);", 1)]
    [TestCase("0002_alter.sql", "ALTER TABLE teams_member ADD COLUMN x TEXT;", 1)]
    [TestCase("0001_x.sql", "CREATE UNIQUE INDEX ix_networks_person_email ON networks_person (email);", 0)]
    [TestCase("0001_x.sql", "CREATE INDEX networks_person_email ON networks_person (email);", 0)]
    [TestCase("0001_x.sql", "CREATE INDEX person_email ON networks_person (email);", 1)]
    [TestCase("0001_x.sql", "CREATE INDEX IF NOT EXISTS ix_networks_member ON teams_member (x);", 1)]
    [TestCase("0001_x.postgres.sql", "CREATE INDEX ix_networks_person_trgm ON networks_person USING gin (search_text);", 0)]
    [TestCase("0001_x.mysql.sql", "CREATE INDEX ix_networks_person_x ON networks_person (x);", 1)]
    [TestCase("0001_x.sql", "-- CREATE TABLE person\n/* CREATE TABLE other */ CREATE TABLE networks_a (id TEXT);", 0)]
    [TestCase("1_create_person.sql", "", 1)]
    [TestCase("0001-create-person.sql", "", 1)]
    public void The_migration_rule_checks_names_and_tables(string file, string sql, int expectedViolations)
    {
        Assert.That(MigrationViolations("networks", [(file, sql)]), Has.Count.EqualTo(expectedViolations));
    }

    [Test]
    public void The_migration_rule_reports_a_number_used_twice()
    {
        Assert.That(MigrationViolations("networks", [("0001_a.sql", ""), ("0001_b.sql", ""), ("0002_c.sql", "")]),
            Is.EqualTo(new[] { "number 0001 is used by 0001_a.sql and 0001_b.sql" }));
    }

    private static string WithoutComments(string sql) => SqlComment().Replace(sql, " ");

    private static string Unquote(string name) => name.Trim('"', '`', '[', ']');

    private static string ReadResource(ModuleDefinition module, string name)
    {
        using var stream = module.Assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
