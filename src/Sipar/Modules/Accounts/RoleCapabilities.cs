using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Accounts;

/// <summary>The one table from roles to capabilities (and where each applies); a table-driven test pins it.</summary>
internal static class RoleCapabilities
{
    public static readonly IReadOnlyDictionary<Role, IReadOnlyDictionary<Capability, CapabilityScope>> Table =
        new Dictionary<Role, IReadOnlyDictionary<Capability, CapabilityScope>>
        {
            [Role.Administrator] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.Administer] = CapabilityScope.Province,
                [Capability.ReadAgency] = CapabilityScope.Province,
                [Capability.RunPlan] = CapabilityScope.Province,
                [Capability.ManageParIndex] = CapabilityScope.Province,
                [Capability.SeeUnpublishedResults] = CapabilityScope.Province,
            },
            [Role.Appraiser] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Province,
                [Capability.ManageParIndex] = CapabilityScope.Province,
                [Capability.Appraise] = CapabilityScope.Province,
                [Capability.SeeUnpublishedResults] = CapabilityScope.Province,
            },
            [Role.Office] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Agency,
                [Capability.RunPlan] = CapabilityScope.Agency,
                [Capability.RunSelfAssessment] = CapabilityScope.Agency,
                [Capability.RunSurveyWave] = CapabilityScope.Agency,
                [Capability.HandleFeedback] = CapabilityScope.Agency,
                [Capability.ManageProcedures] = CapabilityScope.Agency,
            },
            [Role.Leader] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Agency,
                [Capability.ApproveForAgency] = CapabilityScope.Agency,
                [Capability.RunSelfAssessment] = CapabilityScope.Agency,
            },
            [Role.UnitOfficer] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Agency,
                [Capability.WorkOnUnitTasks] = CapabilityScope.Unit,
                [Capability.ProcessDossiers] = CapabilityScope.Unit,
            },
            [Role.DeskOfficer] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Agency,
                [Capability.WorkOnUnitTasks] = CapabilityScope.Unit,
                [Capability.ReceiveDossiers] = CapabilityScope.Agency,
            },
            [Role.Surveyor] = new Dictionary<Capability, CapabilityScope>
            {
                [Capability.ReadAgency] = CapabilityScope.Agency,
                [Capability.RunSurveyWave] = CapabilityScope.Agency,
            },
        };

    /// <summary>Whether <paramref name="roles"/> of a person placed in <paramref name="myAgency"/>/<paramref name="myUnit"/> grant <paramref name="capability"/> there.</summary>
    public static bool Grants(IEnumerable<Role> roles, Guid? myAgency, Guid? myUnit, Capability capability, Guid? agencyId, Guid? unitId)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in roles)
        {
            if (!Table.TryGetValue(role, out var granted) || !granted.TryGetValue(capability, out var scope))
            {
                continue;
            }

            var applies = scope switch
            {
                CapabilityScope.Province => true,
                CapabilityScope.Agency => myAgency is not null && (agencyId is null || agencyId == myAgency),
                _ => myAgency is not null && myUnit is not null && (agencyId is null || agencyId == myAgency) && (unitId is null || unitId == myUnit),
            };
            if (applies)
            {
                return true;
            }
        }

        return false;
    }
}

