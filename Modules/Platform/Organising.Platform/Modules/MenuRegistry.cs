namespace Organising.Platform.Modules;

/// <summary>The navigation, gathered from every module's menu entries, grouped by section.</summary>
public sealed class MenuRegistry(IEnumerable<ModuleDefinition> modules)
{
    public IReadOnlyList<IGrouping<string, MenuEntry>> Sections { get; } = modules
        .SelectMany(m => m.Menu)
        .OrderBy(e => e.Order).ThenBy(e => e.Title, StringComparer.Ordinal)
        .GroupBy(e => e.Section)
        .ToList();
}
