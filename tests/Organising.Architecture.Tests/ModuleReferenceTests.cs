using System.Reflection;

namespace Organising.Architecture.Tests;

/// <summary>A module references only Platform and other modules' Contracts; Contracts reference only Platform.</summary>
public sealed class ModuleReferenceTests
{
    /// <summary>
    /// The rule, on plain names so it can be tested on made-up input. Returns one line per forbidden reference.
    /// Only Organising.* references count: framework and package references are not module boundaries.
    /// </summary>
    public static IReadOnlyList<string> ReferenceViolations(IEnumerable<(string Assembly, IEnumerable<string> References)> assemblies) =>
        assemblies
            .SelectMany(a => a.References
                .Where(r => r.StartsWith("Organising.", StringComparison.Ordinal) && !IsAllowed(a.Assembly, r))
                .Select(r => $"{a.Assembly} references {r}"))
            .ToList();

    private static bool IsAllowed(string assembly, string reference) =>
        assembly.EndsWith(".Contracts", StringComparison.Ordinal)
            ? reference == "Organising.Platform"
            : reference == "Organising.Platform" || reference.EndsWith(".Contracts", StringComparison.Ordinal);

    private static IEnumerable<(string, IEnumerable<string>)> WithReferences(IEnumerable<Assembly> assemblies) =>
        assemblies.Select(a => (Solution.NameOf(a), a.GetReferencedAssemblies().Select(r => r.Name!)));

    [Test]
    public void Modules_reference_only_Platform_and_Contracts()
    {
        var modules = Solution.DomainModules;
        if (modules.Count == 0) Assert.Ignore("No domain module yet: nothing to check against Platform and Contracts.");

        Assert.That(ReferenceViolations(WithReferences(modules)), Is.Empty);
    }

    [Test]
    public void Contracts_reference_only_Platform()
    {
        var contracts = Solution.ContractsAssemblies;
        if (contracts.Count == 0) Assert.Ignore("No domain module yet: no Contracts project to check.");

        Assert.That(ReferenceViolations(WithReferences(contracts)), Is.Empty);
    }

    // The rule itself, on made-up assemblies: it must be able to fail.

    private static IEnumerable<TestCaseData> Violating()
    {
        yield return new TestCaseData("Organising.Teams", new[] { "Organising.Platform", "Organising.Networks" })
            .SetName("A module that references another module");
        yield return new TestCaseData("Organising.Teams", new[] { "Organising.Host" })
            .SetName("A module that references Host");
        yield return new TestCaseData("Organising.Teams.Contracts", new[] { "Organising.Networks.Contracts" })
            .SetName("Contracts that reference other Contracts");
        yield return new TestCaseData("Organising.Teams.Contracts", new[] { "Organising.Teams" })
            .SetName("Contracts that reference their own module");
    }

    [TestCaseSource(nameof(Violating))]
    public void The_reference_rule_reports_a_forbidden_reference(string assembly, string[] references)
    {
        Assert.That(ReferenceViolations([(assembly, references)]), Has.Count.EqualTo(1));
    }

    [Test]
    public void The_reference_rule_accepts_Platform_Contracts_and_packages()
    {
        Assert.That(ReferenceViolations(
        [
            ("Organising.Teams", ["Organising.Platform", "Organising.Networks.Contracts", "Organising.Teams.Contracts", "Dapper", "Mediator"]),
            ("Organising.Teams.Contracts", ["Organising.Platform", "System.Runtime"]),
            ("Organising.Networks.Contracts", []),
        ]), Is.Empty);
    }
}
