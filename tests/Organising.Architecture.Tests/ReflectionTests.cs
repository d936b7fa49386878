using System.Text.RegularExpressions;

namespace Organising.Architecture.Tests;

/// <summary>
/// A module does not reach another module (or Host) through reflection: none of its strings names
/// Organising.&lt;Other&gt;, as in Type.GetType("Organising.Networks.X") or Assembly.Load("Organising.Networks").
/// </summary>
public sealed partial class ReflectionTests
{
    [GeneratedRegex(@"\bOrganising\.(?<module>[A-Z]\w*)\b")]
    private static partial Regex OrganisingName();

    /// <summary>The forbidden modules a string names. Platform is never forbidden: every module may use it.</summary>
    public static IEnumerable<string> OtherModulesNamed(string text, string ownModule, IReadOnlySet<string> modules) =>
        OrganisingName().Matches(text)
            .Select(m => m.Groups["module"].Value)
            .Where(m => m != ownModule && m != "Platform" && modules.Contains(m))
            .Distinct();

    [Test]
    public void Module_strings_name_no_other_module_nor_Host()
    {
        var modules = Solution.ModuleNames.Append("Host").ToHashSet();
        var assemblies = Solution.ModuleAssemblies
            .Select(a => (Name: Solution.NameOf(a), Module: Solution.ModuleOf(a), Literals: Il.StringLiterals(a)))
            .ToList();
        Assert.That(assemblies.SelectMany(a => a.Literals), Is.Not.Empty);

        var violations = assemblies.SelectMany(a => a.Literals.SelectMany(l =>
            OtherModulesNamed(l.Value, a.Module, modules).Select(m => $"{a.Name}: {l.Type} names Organising.{m} in \"{l.Value}\"")));

        Assert.That(violations, Is.Empty, "Use the other module's Contracts instead of reflection.");
    }

    // The search itself, on made-up strings in the Teams module.

    [TestCase("Organising.Networks.People.Person", new[] { "Networks" })]
    [TestCase("Organising.Networks", new[] { "Networks" })]
    [TestCase("Organising.Networks.Contracts.PersonAdded, Organising.Networks.Contracts", new[] { "Networks" })]
    [TestCase("Organising.Host.Program", new[] { "Host" })]
    [TestCase("Organising.Teams.Members.Member", new string[0])]
    [TestCase("Organising.Platform.Data.DbSession", new string[0])]
    [TestCase("organising.auth", new string[0])]
    public void The_reflection_search_finds_other_modules_names(string text, string[] expected)
    {
        var modules = new HashSet<string> { "Platform", "Networks", "Teams", "Host" };

        Assert.That(OtherModulesNamed(text, "Teams", modules), Is.EqualTo(expected));
    }
}
