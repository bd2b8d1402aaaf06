using Sipar.Modules.Accounts;
using static Sipar.Modules.Accounts.Capability;
using static Sipar.Modules.Accounts.CapabilityScope;

namespace Sipar.Tests;

/// <summary>The one table from roles to capabilities: a change to who may do what shows up here as a changed row.</summary>
public sealed class CapabilityTableTests
{
    public static TheoryData<Role, Capability, CapabilityScope?> Rows()
    {
        var expected = new Dictionary<Role, Dictionary<Capability, CapabilityScope>>
        {
            [Role.Administrator] = new() { [Administer] = Province, [ReadAgency] = Province, [RunPlan] = Province, [ManageParIndex] = Province, [SeeUnpublishedResults] = Province },
            [Role.Appraiser] = new() { [ReadAgency] = Province, [ManageParIndex] = Province, [Appraise] = Province, [SeeUnpublishedResults] = Province },
            [Role.Office] = new() { [ReadAgency] = Agency, [RunPlan] = Agency, [RunSelfAssessment] = Agency, [RunSurveyWave] = Agency, [HandleFeedback] = Agency, [ManageProcedures] = Agency },
            [Role.Leader] = new() { [ReadAgency] = Agency, [ApproveForAgency] = Agency, [RunSelfAssessment] = Agency },
            [Role.UnitOfficer] = new() { [ReadAgency] = Agency, [WorkOnUnitTasks] = Unit, [ProcessDossiers] = Unit },
            [Role.DeskOfficer] = new() { [ReadAgency] = Agency, [WorkOnUnitTasks] = Unit, [ReceiveDossiers] = Agency },
            [Role.Surveyor] = new() { [ReadAgency] = Agency, [RunSurveyWave] = Agency },
        };
        var rows = new TheoryData<Role, Capability, CapabilityScope?>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var capability in Enum.GetValues<Capability>())
            {
                rows.Add(role, capability, expected[role].TryGetValue(capability, out var scope) ? scope : null);
            }
        }

        return rows;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Each_role_grants_exactly_its_capabilities(Role role, Capability capability, CapabilityScope? scope)
    {
        var actual = RoleCapabilities.Table[role].TryGetValue(capability, out var s) ? s : (CapabilityScope?)null;
        Assert.Equal(scope, actual);
    }

    [Fact]
    public void Scopes_limit_a_capability_to_the_agency_or_the_unit()
    {
        var mine = Guid.NewGuid();
        var other = Guid.NewGuid();
        var myUnit = Guid.NewGuid();
        Assert.True(RoleCapabilities.Grants([Role.Office], mine, myUnit, RunPlan, mine, null));
        Assert.False(RoleCapabilities.Grants([Role.Office], mine, myUnit, RunPlan, other, null));
        Assert.True(RoleCapabilities.Grants([Role.Administrator], null, null, RunPlan, other, null));
        Assert.True(RoleCapabilities.Grants([Role.UnitOfficer], mine, myUnit, WorkOnUnitTasks, mine, myUnit));
        Assert.False(RoleCapabilities.Grants([Role.UnitOfficer], mine, myUnit, WorkOnUnitTasks, mine, Guid.NewGuid()));
        Assert.False(RoleCapabilities.Grants([Role.UnitOfficer], mine, null, WorkOnUnitTasks, mine, myUnit));
        Assert.False(RoleCapabilities.Grants([Role.Office], null, null, RunPlan, mine, null));
        Assert.True(RoleCapabilities.Grants([Role.UnitOfficer, Role.Leader], mine, myUnit, ApproveForAgency, mine, null));
    }
}
