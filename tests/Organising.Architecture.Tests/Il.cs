using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Organising.Architecture.Tests;

/// <summary>A string an assembly contains, and the type it was found in (for readable failures).</summary>
internal sealed record Literal(string Type, string Value);

/// <summary>A method an assembly's code calls or constructs, and the calling type.</summary>
internal sealed record Call(string Caller, string DeclaringType, string Method);

/// <summary>Reads compiled IL with Mono.Cecil (it comes with NetArchTest): what reflection cannot see.</summary>
internal static class Il
{
    /// <summary>Every const string field and every ldstr literal in a method body.</summary>
    public static IReadOnlyList<Literal> StringLiterals(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var literals = new List<Literal>();
        foreach (var type in module.GetTypes())
        {
            literals.AddRange(type.Fields
                .Where(f => f.HasConstant && f.Constant is string)
                .Select(f => new Literal(type.FullName, (string)f.Constant)));
            literals.AddRange(Instructions(type)
                .Where(i => i.OpCode == OpCodes.Ldstr)
                .Select(i => new Literal(type.FullName, (string)i.Operand)));
        }
        return literals;
    }

    /// <summary>Every call, callvirt and newobj in the assembly's method bodies.</summary>
    public static IReadOnlyList<Call> Calls(Assembly assembly)
    {
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        return module.GetTypes()
            .SelectMany(type => Instructions(type)
                .Where(i => i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj)
                .Select(i => (MethodReference)i.Operand)
                .Select(m => new Call(type.FullName, m.DeclaringType.FullName, m.Name)))
            .ToList();
    }

    private static IEnumerable<Instruction> Instructions(TypeDefinition type) =>
        type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions);
}
