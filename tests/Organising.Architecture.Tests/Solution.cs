using System.Reflection;
using Organising.Platform.Modules;

namespace Organising.Architecture.Tests;

/// <summary>
/// The Organising assemblies, found by loading every Organising.*.dll in the test output
/// (the project references Host, and Host references every module), sorted by role.
/// </summary>
internal static class Solution
{
    /// <summary>The seven modules the architecture plans, so rules already guard their names before they exist.</summary>
    public static readonly IReadOnlyList<string> PlannedModules =
        ["Networks", "Teams", "Listening", "Research", "Negotiation", "Assembly", "Evaluation"];

    public static IReadOnlyList<Assembly> Assemblies { get; } = LoadOrganisingAssemblies();

    public static Assembly Host => Named("Organising.Host");
    public static Assembly Platform => Named("Organising.Platform");

    /// <summary>Organising.&lt;M&gt;: every assembly that is not Host, Platform or a Contracts project.</summary>
    public static IReadOnlyList<Assembly> DomainModules =>
        Assemblies.Where(a => a != Host && a != Platform && !IsContracts(a)).ToList();

    public static IReadOnlyList<Assembly> ContractsAssemblies => Assemblies.Where(IsContracts).ToList();

    /// <summary>Everything that belongs to a module: Platform, the domain modules and their Contracts (all but Host).</summary>
    public static IReadOnlyList<Assembly> ModuleAssemblies => Assemblies.Where(a => a != Host).ToList();

    /// <summary>Platform and every domain module that exposes a definition.</summary>
    public static IReadOnlyList<ModuleDefinition> Definitions =>
        new[] { Platform }.Concat(DomainModules).Select(DefinitionOf).OfType<ModuleDefinition>().ToList();

    /// <summary>Module names (Platform, Networks, ...): planned ones and any discovered.</summary>
    public static IReadOnlySet<string> ModuleNames =>
        PlannedModules.Append("Platform").Concat(DomainModules.Select(ModuleOf)).ToHashSet();

    /// <summary>Table prefixes: every discovered definition's, and the planned modules' names.</summary>
    public static IReadOnlySet<string> TablePrefixes =>
        PlannedModules.Select(m => m.ToLowerInvariant()).Concat(Definitions.Select(d => d.TablePrefix)).ToHashSet();

    public static string NameOf(Assembly assembly) => assembly.GetName().Name!;

    /// <summary>"Organising.Networks.Contracts" → "Networks"; "Organising.Host" → "Host".</summary>
    public static string ModuleOf(Assembly assembly)
    {
        var name = NameOf(assembly)["Organising.".Length..];
        return name.EndsWith(".Contracts", StringComparison.Ordinal) ? name[..^".Contracts".Length] : name;
    }

    /// <summary>The public static &lt;M&gt;Module class: Organising.Networks.NetworksModule.</summary>
    public static Type? EntryClassOf(Assembly assembly) =>
        assembly.GetType($"{NameOf(assembly)}.{ModuleOf(assembly)}Module");

    public static ModuleDefinition? DefinitionOf(Assembly assembly)
    {
        var entry = EntryClassOf(assembly);
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Static;
        return (entry?.GetField("Definition", flags)?.GetValue(null)
                ?? entry?.GetProperty("Definition", flags)?.GetValue(null)) as ModuleDefinition;
    }

    /// <summary>The table prefix an assembly may use: its module's (a Contracts project shares its module's).</summary>
    public static string? OwnTablePrefixOf(Assembly assembly)
    {
        if (assembly == Host) return null;
        var module = Assemblies.FirstOrDefault(a => NameOf(a) == $"Organising.{ModuleOf(assembly)}");
        return (module is null ? null : DefinitionOf(module)?.TablePrefix) ?? ModuleOf(assembly).ToLowerInvariant();
    }

    public static bool IsContracts(Assembly assembly) => NameOf(assembly).EndsWith(".Contracts", StringComparison.Ordinal);

    private static Assembly Named(string name) => Assemblies.Single(a => NameOf(a) == name);

    private static IReadOnlyList<Assembly> LoadOrganisingAssemblies() =>
        Directory.GetFiles(AppContext.BaseDirectory, "Organising.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(name => !name.EndsWith(".Tests", StringComparison.Ordinal) && name != "Organising.Benchmarks")
            .Order(StringComparer.Ordinal)
            .Select(name => Assembly.Load(new AssemblyName(name)))
            .ToList();
}
