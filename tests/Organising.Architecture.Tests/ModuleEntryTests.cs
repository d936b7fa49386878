using System.Reflection;

namespace Organising.Architecture.Tests;

/// <summary>
/// Each module (Platform too) has a public static &lt;M&gt;Module class with its Definition and Add&lt;M&gt;():
/// the other rules find modules, prefixes and migrations through it.
/// </summary>
public sealed class ModuleEntryTests
{
    private static IEnumerable<string> Problems(Assembly module)
    {
        var name = Solution.ModuleOf(module);
        var entry = Solution.EntryClassOf(module);
        if (entry is not { IsPublic: true, IsAbstract: true, IsSealed: true })
        {
            yield return $"{Solution.NameOf(module)} has no public static class {name}Module";
            yield break;
        }
        if (entry.GetMethod($"Add{name}", BindingFlags.Public | BindingFlags.Static) is null) yield return $"{entry.Name} has no public static Add{name}()";
        var definition = Solution.DefinitionOf(module);
        if (definition is null) yield return $"{entry.Name} has no public static Definition";
        else
        {
            if (definition.Assembly != module) yield return $"{entry.Name}.Definition points at {definition.Assembly.GetName().Name}";
            if (definition.TablePrefix != name.ToLowerInvariant()) yield return $"{entry.Name}.Definition's table prefix is '{definition.TablePrefix}', not '{name.ToLowerInvariant()}'";
        }
    }

    [Test]
    public void Every_module_has_an_entry_class_with_its_Definition_and_Add_method()
    {
        var modules = Solution.DomainModules.Prepend(Solution.Platform).ToList();
        Assert.That(modules, Is.Not.Empty);

        Assert.That(modules.SelectMany(Problems), Is.Empty);
    }
}
