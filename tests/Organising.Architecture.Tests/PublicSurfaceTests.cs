using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Organising.Architecture.Tests;

/// <summary>
/// A module is internal by default. Public types may only be: its &lt;M&gt;Module entry class, a page model
/// (Razor needs them public), a static slice class and the types nested in it (the Command a page binds),
/// and what Razor generates (namespace AspNetCoreGeneratedDocument).
/// </summary>
public sealed class PublicSurfaceTests
{
    /// <summary>
    /// Public types already on main that break the rule, until their module fixes them. The list can only
    /// shrink: once a type is fixed, the test fails until its entry is removed.
    /// </summary>
    // Public types a module has not yet made internal. It can only shrink.
    private static readonly string[] KnownViolations = [];

    public static IReadOnlyList<string> UnexpectedPublicTypes(IEnumerable<Type> types, string entryClassFullName) =>
        types.Where(t => t.IsVisible && !IsAllowedPublic(t, entryClassFullName)).Select(t => t.FullName!).ToList();

    private static bool IsAllowedPublic(Type type, string entryClassFullName) =>
        type.FullName == entryClassFullName
        || type.IsSubclassOf(typeof(PageModel))
        || type.Namespace == "AspNetCoreGeneratedDocument"
        || IsSlice(type)
        || EnclosingTypes(type).Any(IsSlice);

    /// <summary>A slice class is static and holds a request handler.</summary>
    private static bool IsSlice(Type type) =>
        type is { IsAbstract: true, IsSealed: true }
        && type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).Any(HandlerTests.IsHandler);

    private static IEnumerable<Type> EnclosingTypes(Type type)
    {
        for (var t = type.DeclaringType; t is not null; t = t.DeclaringType) yield return t;
    }

    [Test]
    public void Domain_modules_expose_only_their_entry_class_pages_and_slices()
    {
        var modules = Solution.DomainModules;
        if (modules.Count == 0) Assert.Ignore("No domain module yet: no public surface to check.");

        var violations = modules.SelectMany(m =>
            UnexpectedPublicTypes(m.GetTypes(), $"{Solution.NameOf(m)}.{Solution.ModuleOf(m)}Module")).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(violations.Except(KnownViolations), Is.Empty, "Make it internal, or move it to the module's Contracts project.");
            Assert.That(KnownViolations.Except(violations), Is.Empty, "Fixed: remove it from KnownViolations.");
        });
    }

    [Test]
    public void The_public_surface_rule_reports_public_helpers()
    {
        var fakes = typeof(Fakes.Surface.FakeModule).Assembly.GetTypes()
            .Where(t => t.Namespace is "Organising.Architecture.Tests.Fakes.Surface" or "AspNetCoreGeneratedDocument");

        Assert.That(UnexpectedPublicTypes(fakes, typeof(Fakes.Surface.FakeModule).FullName!), Is.EquivalentTo(new[]
        {
            "Organising.Architecture.Tests.Fakes.Surface.ThingRepository",
            "Organising.Architecture.Tests.Fakes.Surface.StringHelpers",
            "Organising.Architecture.Tests.Fakes.Surface.NotASlice",
            "Organising.Architecture.Tests.Fakes.Surface.NotASlice+Dto",
        }));
    }
}
