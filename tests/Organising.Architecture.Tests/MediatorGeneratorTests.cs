using System.CodeDom.Compiler;
using System.Reflection;

namespace Organising.Architecture.Tests;

/// <summary>Mediator's source generator is referenced by Host only, so there is exactly one generated mediator.</summary>
public sealed class MediatorGeneratorTests
{
    /// <summary>Organising code never declares namespace Mediator: anything there, or marked as the generator's, was generated.</summary>
    private static bool IsGeneratedByMediator(Type type) =>
        type.Namespace is { } ns && (ns == "Mediator" || ns.StartsWith("Mediator.", StringComparison.Ordinal))
        || type.GetCustomAttributes<GeneratedCodeAttribute>().Any(a => a.Tool?.StartsWith("Mediator", StringComparison.Ordinal) == true);

    [Test]
    public void Host_contains_the_generated_Mediator()
    {
        var generated = Solution.Host.GetTypes().Where(IsGeneratedByMediator).Select(t => t.FullName).ToList();

        Assert.That(generated, Does.Contain("Mediator.Mediator"));
    }

    [Test]
    public void No_other_Organising_assembly_contains_generated_Mediator_code()
    {
        var others = Solution.ModuleAssemblies;
        Assert.That(others, Is.Not.Empty);

        var generated = others.SelectMany(a => a.GetTypes())
            .Where(IsGeneratedByMediator)
            .Select(t => $"{t.Assembly.GetName().Name}: {t.FullName}");

        Assert.That(generated, Is.Empty, "Reference Mediator.SourceGenerator from Host only.");
    }
}
