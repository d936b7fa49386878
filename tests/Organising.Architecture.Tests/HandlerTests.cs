using System.Reflection;

namespace Organising.Architecture.Tests;

/// <summary>A request handler is an internal sealed class nested in its static slice class.</summary>
public sealed class HandlerTests
{
    /// <summary>
    /// Implements one of Mediator's handler interfaces: ICommandHandler, IQueryHandler, IRequestHandler,
    /// INotificationHandler (and their stream forms). The generated mediator itself is left out.
    /// </summary>
    public static bool IsHandler(Type type) =>
        type is { IsClass: true } && type.Namespace != "Mediator"
        && type.GetInterfaces().Any(i => i.IsGenericType && i.Namespace == "Mediator" && i.Name.Split('`')[0].EndsWith("Handler", StringComparison.Ordinal));

    /// <summary>One line per handler that is not internal, not sealed, or not nested in a static class.</summary>
    public static IReadOnlyList<string> HandlerViolations(IEnumerable<Type> handlers) =>
        handlers.Select(h => (Handler: h, Problems: Problems(h)))
            .Where(h => h.Problems.Count > 0)
            .Select(h => $"{h.Handler.FullName}: {string.Join(", ", h.Problems)}")
            .ToList();

    private static List<string> Problems(Type handler)
    {
        var problems = new List<string>();
        if (!handler.IsSealed) problems.Add("not sealed");
        if (handler.DeclaringType is not { IsAbstract: true, IsSealed: true }) problems.Add("not nested in a static slice class");
        if (!(handler.IsNested ? handler.IsNestedAssembly : handler.IsNotPublic)) problems.Add("not internal");
        return problems;
    }

    private static IEnumerable<Type> HandlersIn(IEnumerable<Assembly> assemblies) =>
        assemblies.SelectMany(a => a.GetTypes()).Where(IsHandler);

    [Test]
    public void Handlers_in_Host_Platform_and_modules_are_internal_sealed_and_nested_in_a_static_slice()
    {
        var handlers = HandlersIn(Solution.Assemblies).ToList();
        Assert.That(handlers, Is.Not.Empty);

        Assert.That(HandlerViolations(handlers), Is.Empty);
    }

    [Test]
    public void The_handler_rule_reports_malformed_handlers()
    {
        var fakes = HandlersIn([typeof(HandlerTests).Assembly])
            .Where(t => t.Namespace == "Organising.Architecture.Tests.Fakes.Handlers");

        Assert.That(HandlerViolations(fakes), Is.EquivalentTo(new[]
        {
            "Organising.Architecture.Tests.Fakes.Handlers.PublicHandlerSlice+Handler: not internal",
            "Organising.Architecture.Tests.Fakes.Handlers.UnsealedHandlerSlice+Handler: not sealed",
            "Organising.Architecture.Tests.Fakes.Handlers.NonStaticSlice+Handler: not nested in a static slice class",
            "Organising.Architecture.Tests.Fakes.Handlers.TopLevelHandler: not nested in a static slice class",
        }));
    }
}
