using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Sipar.ArchitectureTests;

/// <summary>Every text key a page or a class asks the localizer for by name exists in both languages: no page shows a raw key.</summary>
public sealed partial class LocalizationTests
{
    [Fact]
    public void Every_key_asked_for_by_name_has_a_vietnamese_and_an_english_text()
    {
        var vi = Keys("SharedResource.resx");
        var en = Keys("SharedResource.en.resx");
        var asked = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (type, _) in CodeReferences.Types())
        {
            foreach (var body in type.Methods.Where(m => m.HasBody).Select(m => m.Body))
            {
                foreach (var i in body.Instructions.Where(i => i.OpCode == OpCodes.Ldstr && i.Operand is string s && Key().IsMatch(s)))
                {
                    if (AskedOfLocalizer(i))
                    {
                        asked.Add((string)i.Operand);
                    }
                }
            }
        }

        Assert.True(asked.Count > 500, $"only {asked.Count} keys found: the IL pattern no longer matches how pages ask for texts");
        var missing = asked.Where(k => !vi.Contains(k) || !en.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "texts missing from scripts/strings.py: " + string.Join(", ", missing));
    }

    /// <summary>T["Key"] (the string, then the indexer) or T["Key", args] (the string, then the arguments' array).</summary>
    private static bool AskedOfLocalizer(Instruction ldstr)
    {
        var next = ldstr.Next;
        if (next?.Operand is MethodReference m && m.Name == "get_Item" && m.DeclaringType.Name.StartsWith("IStringLocalizer", StringComparison.Ordinal))
        {
            return true;
        }

        if (next is null || !next.OpCode.Name.StartsWith("ldc.i4", StringComparison.Ordinal) || next.Next?.OpCode != OpCodes.Newarr)
        {
            return false;
        }

        // Walk to the call that takes the array: the first get_Item of a localizer before another key-like string.
        for (var i = next.Next; i is not null; i = i.Next)
        {
            if (i.Operand is MethodReference call && call.Name == "get_Item" && call.DeclaringType.Name.StartsWith("IStringLocalizer", StringComparison.Ordinal))
            {
                return call.Parameters.Count == 2;
            }

            if (i.OpCode == OpCodes.Ldstr && i.Operand is string s && Key().IsMatch(s))
            {
                return false;
            }
        }

        return false;
    }

    internal static HashSet<string> Keys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "src", "Sipar", "Resources", file)))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        return XDocument.Load(Path.Combine(dir.FullName, "src", "Sipar", "Resources", file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^[A-Z][A-Za-z]+(\.[A-Za-z0-9]+)+$")]
    private static partial Regex Key();
}
