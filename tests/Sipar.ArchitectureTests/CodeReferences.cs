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

    /// <summary>The module a type of Sipar belongs to ("Plans", "ParIndex"…), "Infrastructure", or null for the rest (Program, framework types).</summary>
    public static string? ModuleOf(TypeReference type)
    {
        ArgumentNullException.ThrowIfNull(type);
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var ns = type.Namespace ?? "";
        if (ns.StartsWith("Sipar.Modules.", StringComparison.Ordinal))
        {
            return ns["Sipar.Modules.".Length..].Split('.')[0];
        }

        if (ns.StartsWith("Sipar.Infrastructure", StringComparison.Ordinal))
        {
            return "Infrastructure";
        }

        // Razor views compile into one namespace; their names say where they live (Modules_Plans_ViewPlan_ViewPlan).
        if (ns == "AspNetCoreGeneratedDocument" && type.Name.StartsWith("Modules_", StringComparison.Ordinal))
        {
            return type.Name["Modules_".Length..].Split('_')[0];
        }

        return null;
    }

    /// <summary>Every Sipar type <paramref name="type"/> refers to: base, interfaces, fields, signatures, attributes, and what its bodies use.</summary>
    public static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var found = new List<TypeReference>();
        void Add(TypeReference? t)
        {
            switch (t)
            {
                case null:
                    return;
                case GenericInstanceType g:
                    Add(g.ElementType);
                    foreach (var a in g.GenericArguments)
                    {
                        Add(a);
                    }

                    return;
                case TypeSpecification s:
                    Add(s.ElementType);
                    return;
                case GenericParameter:
                    return;
                default:
                    if (t.Scope?.Name is "sipar" or "sipar.dll")
                    {
                        found.Add(t);
                    }

                    return;
            }
        }

        void AddMethod(MethodReference m)
        {
            Add(m.DeclaringType);
            Add(m.ReturnType);
            foreach (var p in m.Parameters)
            {
                Add(p.ParameterType);
            }

            if (m is GenericInstanceMethod gm)
            {
                foreach (var a in gm.GenericArguments)
                {
                    Add(a);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType);
        }

        foreach (var f in type.Fields)
        {
            Add(f.FieldType);
        }

        foreach (var p in type.Properties)
        {
            Add(p.PropertyType);
        }

        foreach (var a in type.CustomAttributes)
        {
            Add(a.AttributeType);
        }

        foreach (var m in type.Methods)
        {
            AddMethod(m);
            if (!m.HasBody)
            {
                continue;
            }

            foreach (var v in m.Body.Variables)
            {
                Add(v.VariableType);
            }

            foreach (var i in m.Body.Instructions)
            {
                switch (i.Operand)
                {
                    case MethodReference mr:
                        AddMethod(mr);
                        break;
                    case FieldReference fr:
                        Add(fr.DeclaringType);
                        Add(fr.FieldType);
                        break;
                    case TypeReference tr:
                        Add(tr);
                        break;
                }
            }
        }

        return found;
    }

    private static IEnumerable<TypeDefinition> WithNested(TypeDefinition type) =>
        new[] { type }.Concat(type.NestedTypes.SelectMany(WithNested));
}
