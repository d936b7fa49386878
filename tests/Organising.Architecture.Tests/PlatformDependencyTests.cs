using NetArchTest.Rules;

namespace Organising.Architecture.Tests;

/// <summary>Platform is the floor: it depends on no module and not on Host.</summary>
public sealed class PlatformDependencyTests
{
    /// <summary>Host, every discovered Organising assembly but Platform, and the planned modules' namespaces.</summary>
    private static string[] ForbiddenNamespaces() =>
        Solution.Assemblies.Where(a => a != Solution.Platform).Select(Solution.NameOf)
            .Concat(Solution.PlannedModules.Select(m => $"Organising.{m}"))
            .Append("Organising.Host")
            .Distinct()
            .ToArray();

    [Test]
    public void Platform_types_do_not_depend_on_Host_or_any_module()
    {
        var platformTypes = Types.InAssembly(Solution.Platform);
        Assert.That(platformTypes.GetTypes(), Is.Not.Empty);

        var result = platformTypes.Should().NotHaveDependencyOnAny(ForbiddenNamespaces()).GetResult();

        Assert.That(result.FailingTypeNames ?? [], Is.Empty,
            $"Platform must not use Host or a module: {string.Join(", ", ForbiddenNamespaces())}");
    }

    [Test]
    public void Platform_references_no_other_Organising_assembly()
    {
        var references = Solution.Platform.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.That(references, Is.Not.Empty);

        Assert.That(references.Where(r => r.StartsWith("Organising.", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void The_dependency_check_sees_real_dependencies()
    {
        // Host does use Platform, so the same check must fail there: the rule is not blind.
        var result = Types.InAssembly(Solution.Host).Should().NotHaveDependencyOn("Organising.Platform").GetResult();
        Assert.That(result.IsSuccessful, Is.False);
    }

    [Test]
    public void Discovery_finds_Host_and_Platform()
    {
        // Every other rule stands on discovery: prove it sees the output folder.
        Assert.That(Solution.Assemblies.Select(Solution.NameOf), Is.SupersetOf(new[] { "Organising.Host", "Organising.Platform" }));
    }
}
