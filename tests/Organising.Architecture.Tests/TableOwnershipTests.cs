using System.Text.RegularExpressions;

namespace Organising.Architecture.Tests;

/// <summary>
/// No SQL touches another module's tables. Every string an assembly holds (const fields and literals)
/// is searched for &lt;prefix&gt;_name identifiers whose prefix belongs to another module; Host may name none.
/// </summary>
public sealed partial class TableOwnershipTests
{
    [GeneratedRegex(@"\b(?<prefix>[a-z]+)_[a-z_]+\b")]
    private static partial Regex TableLikeName();

    /// <summary>Names in text that start with a known module prefix other than ownPrefix (null: every known prefix is foreign).</summary>
    public static IEnumerable<string> ForeignTables(string text, string? ownPrefix, IReadOnlySet<string> knownPrefixes) =>
        TableLikeName().Matches(text)
            .Where(m => m.Groups["prefix"].Value is var prefix && prefix != ownPrefix && knownPrefixes.Contains(prefix))
            .Select(m => m.Value)
            .Distinct();

    private static IEnumerable<string> Violations(IEnumerable<Literal> literals, string? ownPrefix, string assemblyName) =>
        literals.SelectMany(l => ForeignTables(l.Value, ownPrefix, Solution.TablePrefixes).Select(t => $"{assemblyName}: {l.Type} names {t}"));

    [Test]
    public void Module_code_names_only_its_own_tables()
    {
        var modules = Solution.ModuleAssemblies
            .Select(a => (Name: Solution.NameOf(a), Own: Solution.OwnTablePrefixOf(a), Literals: Il.StringLiterals(a)))
            .ToList();
        // Not vacuous: the search sees the modules' own SQL (Platform's at least).
        Assert.That(modules.SelectMany(m => m.Literals.SelectMany(l => TableLikeName().Matches(l.Value)
            .Where(t => t.Groups["prefix"].Value == m.Own))), Is.Not.Empty);

        Assert.That(modules.SelectMany(m => Violations(m.Literals, m.Own, m.Name)), Is.Empty);
    }

    [Test]
    public void Host_code_names_no_module_table()
    {
        var literals = Il.StringLiterals(Solution.Host);
        Assert.That(literals, Is.Not.Empty);

        Assert.That(Violations(literals, ownPrefix: null, "Organising.Host"), Is.Empty,
            "Host reaches module data through the modules, never through SQL of its own.");
    }

    [Test]
    public void Migrations_name_only_their_own_tables()
    {
        var migrations = Solution.Definitions
            .SelectMany(d => MigrationTests.MigrationsOf(d).Select(f => (d.TablePrefix, f.FileName, f.Sql)))
            .ToList();
        Assert.That(migrations, Is.Not.Empty);

        Assert.That(migrations.SelectMany(m => ForeignTables(m.Sql, m.TablePrefix, Solution.TablePrefixes)
            .Select(t => $"{m.TablePrefix}/{m.FileName} names {t}")), Is.Empty);
    }

    // The search itself, on made-up SQL in the "teams" module.

    [TestCase("SELECT id FROM teams_member WHERE team_id = @id", new string[0])]
    [TestCase("SELECT m.id FROM teams_member m JOIN networks_person p ON p.id = m.person_id", new[] { "networks_person" })]
    [TestCase("UPDATE platform_user SET display_name = @name", new[] { "platform_user" })]
    [TestCase("INSERT INTO listening_campaign (id) VALUES (@id); DELETE FROM listening_campaign", new[] { "listening_campaign" })]
    [TestCase("SELECT user_name, created_at FROM teams_member", new string[0])]
    public void The_table_search_finds_other_modules_tables(string sql, string[] expected)
    {
        var known = new HashSet<string> { "platform", "networks", "teams", "listening" };

        Assert.That(ForeignTables(sql, "teams", known), Is.EqualTo(expected));
    }

    [Test]
    public void For_Host_every_module_table_is_foreign()
    {
        Assert.That(ForeignTables("SELECT 1 FROM platform_user", null, new HashSet<string> { "platform" }), Is.EqualTo(new[] { "platform_user" }));
    }
}
