using Mono.Cecil;
using Mono.Cecil.Cil;
using Sipar.Modules.Organisation;

namespace Sipar.ArchitectureTests;

/// <summary>What each type of the Sipar assembly refers to, read from its IL (Mono.Cecil): signatures and method bodies.</summary>
internal static class CodeReferences
{
    private static readonly Lazy<ModuleDefinition> Module = new(() => ModuleDefinition.ReadModule(typeof(Agency).Assembly.Location));

    /// <summary>Every type of the assembly, nested and compiler-generated ones included, with the type that owns it in source.</summary>
    public static IEnumerable<(TypeDefinition Type, TypeDefinition Owner)> Types()
    {
        foreach (var type in Module.Value.Types)
        {
            foreach (var t in WithNested(type))
            {
                yield return (t, type);
            }
        }
    }

    /// <summary>Methods called from <paramref name="type"/>'s bodies.</summary>
    public static IEnumerable<MethodReference> Calls(TypeDefinition type) =>
        type.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
            .Where(i => i.OpCode == OpCodes.Call || i.OpCode == OpCodes.Callvirt || i.OpCode == OpCodes.Newobj || i.OpCode == OpCodes.Ldftn)
            .Select(i => i.Operand).OfType<MethodReference>();

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(WithNested));
}
