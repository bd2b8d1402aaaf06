namespace Sipar.ArchitectureTests;

/// <summary>Roles are looked at in one place: Accounts maps them to capabilities, everything else asks for a capability.</summary>
public sealed class CapabilityTests
{
    [Fact]
    public void Only_the_accounts_module_looks_at_roles()
    {
        string[] roleChecks = ["IsInRole", "RequireRole"];
        // The scan sees role checks where they belong (so an empty list below means something).
        Assert.Contains(CodeReferences.Types(), t => t.Owner.Name == "CurrentUser" && CodeReferences.Calls(t.Type).Any(m => m.Name == "IsInRole"));
        var offenders = CodeReferences.Types()
            .Where(t => !(t.Owner.Namespace ?? "").StartsWith("Sipar.Modules.Accounts", StringComparison.Ordinal)
                && !t.Owner.Name.StartsWith("Modules_Accounts_", StringComparison.Ordinal))
            .SelectMany(t => CodeReferences.Calls(t.Type).Where(m => roleChecks.Contains(m.Name)).Select(m => $"{t.Owner.FullName} calls {m.DeclaringType.Name}.{m.Name}"))
            .Distinct()
            .ToList();
        Assert.True(offenders.Count == 0, "Ask Capabilities instead: " + string.Join("; ", offenders));
    }
}
