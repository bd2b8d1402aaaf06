using Mono.Cecil;

namespace Sipar.ArchitectureTests;

/// <summary>
/// How modules meet (ADR 0014): a module uses another only through that module's contract (its public types, all in
/// <c>&lt;Module&gt;Contracts.cs</c>; CA1515 keeps everything else internal), and only where this matrix allows.
/// </summary>
public sealed class ModuleMatrixTests
{
    /// <summary>Which modules each module may use (through their contracts). Infrastructure and Documents are shared by all.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Accounts"] = [],
        ["Audit"] = ["Accounts"],
        ["Calendar"] = ["Accounts"],
        ["Organisation"] = ["Accounts"],
        ["Documents"] = ["Organisation"],
        ["Plans"] = ["Accounts", "Calendar", "Organisation", "ParIndex", "Dossiers"],
        ["ParIndex"] = ["Accounts", "Calendar", "Organisation", "Plans"],
        ["Dossiers"] = ["Accounts", "Calendar", "Organisation", "ParIndex"],
        ["Sipas"] = ["Accounts", "Organisation", "Dossiers", "ParIndex"],
        ["Feedback"] = ["Accounts", "Calendar", "Organisation", "Dossiers", "ParIndex", "Plans"],
        ["Home"] = ["Accounts", "Organisation", "Feedback"],
        ["Operations"] = [],
    };

    private static readonly string[] Shared = ["Infrastructure", "Documents"];

    [Fact]
    public void Modules_use_each_other_only_through_their_contracts_and_as_the_matrix_allows()
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<(string, string)>();
        foreach (var (type, owner) in CodeReferences.Types())
        {
            var from = CodeReferences.ModuleOf(owner);
            if (from is null or "Infrastructure" or "Demo")
            {
                continue;
            }

            foreach (var used in CodeReferences.Uses(type))
            {
                var to = CodeReferences.ModuleOf(used);
                if (to is null || to == from || Shared.Contains(to))
                {
                    continue;
                }

                seen.Add((from, to));
                if (IsForeignKeyPrincipal(owner))
                {
                    continue;
                }

                if (!Allowed.TryGetValue(from, out var allowed) || !allowed.Contains(to))
                {
                    violations.Add($"{from} may not use {to} ({owner.Name} uses {used.Name})");
                }
                else if (!IsContract(used))
                {
                    violations.Add($"{owner.FullName} uses {to}.{used.Name}, which is not in {to}'s contract");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.Contains(("ParIndex", "Plans"), seen);
    }

    [Fact]
    public void Infrastructure_knows_no_module_beyond_the_identity_user_its_DbContext_maps()
    {
        var uses = CodeReferences.Types().Where(t => CodeReferences.ModuleOf(t.Owner) == "Infrastructure")
            .SelectMany(t => CodeReferences.Uses(t.Type).Select(u => (t.Owner, Used: u)))
            .Where(x => CodeReferences.ModuleOf(x.Used) is { } m && m != "Infrastructure" && !(m == "Accounts" && x.Used.Name == "User"))
            .Select(x => $"{x.Owner.FullName} uses {x.Used.FullName}")
            .Distinct().ToList();
        Assert.True(uses.Count == 0, string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void Accounts_and_Organisation_do_not_depend_on_each_other_both_ways()
    {
        var accountsUsesOrganisation = CodeReferences.Types()
            .Where(t => CodeReferences.ModuleOf(t.Owner) == "Accounts" && !IsForeignKeyPrincipal(t.Owner))
            .SelectMany(t => CodeReferences.Uses(t.Type)).Any(u => CodeReferences.ModuleOf(u) == "Organisation");
        Assert.False(accountsUsesOrganisation, "Accounts defines IPlaces and Organisation provides it");
    }

    [Fact]
    public void Only_the_assessment_changes_its_scores()
    {
        // The root checks its state (draft, submitted, finalised) before any score changes; nothing goes around it.
        string[] mutators = ["SelfScore", "Appraise", "SetComputed", "Assign", "AddEvidence", "RemoveEvidence", "HideAppraisal"];
        var callers = CodeReferences.Types()
            .Where(t => t.Type.Name != "ParAssessment" && t.Type.Name != "ParScore")
            .SelectMany(t => CodeReferences.Calls(t.Type).Where(m => m.DeclaringType.Name == "ParScore" && mutators.Contains(m.Name)).Select(m => $"{t.Owner.FullName} calls ParScore.{m.Name}"))
            .Distinct().ToList();
        Assert.True(callers.Count == 0, string.Join(Environment.NewLine, callers));
        Assert.Contains(CodeReferences.Types(), t => t.Type.Name == "ParAssessment" && CodeReferences.Calls(t.Type).Any(m => m.DeclaringType.Name == "ParScore" && m.Name == "Appraise"));
    }

    /// <summary>The account entity is public only for the Identity DbContext; modules reach people through IPeople.</summary>
    private static bool IsContract(TypeReference used)
    {
        var definition = used.Resolve();
        return definition is not null && (definition.IsPublic || definition.IsNestedPublic) && definition.FullName != "Sipar.Modules.Accounts.User";
    }

    /// <summary>An EF mapping may name another module's entity as the principal of a foreign key: one database keeps its integrity.</summary>
    private static bool IsForeignKeyPrincipal(TypeDefinition owner) =>
        owner.Interfaces.Any(i => i.InterfaceType.Name.StartsWith("IEntityTypeConfiguration", StringComparison.Ordinal));
}
