using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Accounts;

/// <summary>
/// What a person may do, named for the work rather than the role. Pages, API and CLI ask <see cref="Capabilities"/>;
/// nothing outside Accounts looks at roles (the architecture tests check it). A new module adds its capabilities
/// here and maps them to roles in <see cref="RoleCapabilities.Table"/>, not in its own services.
/// </summary>
public enum Capability
{
    /// <summary>Accounts, agencies and units, calendars, the audit trail.</summary>
    Administer,

    /// <summary>Read an agency's plans, reports, assessment and published results.</summary>
    ReadAgency,

    /// <summary>Run an agency's plan: import, issue and close it, follow up, remind, flag, set internal due dates, review units' reports, consolidate.</summary>
    RunPlan,

    /// <summary>Approve for the agency: approve units' reports, submit the self-assessment (which locks it).</summary>
    ApproveForAgency,

    /// <summary>Work on one's own unit's tasks: progress, contributions, evidence, the unit's periodic report, the assessment items assigned to the unit.</summary>
    WorkOnUnitTasks,

    /// <summary>Run the agency's PAR INDEX self-assessment: assign items to units, score any item, refresh computed items.</summary>
    RunSelfAssessment,

    /// <summary>PAR INDEX frameworks and campaigns, survey points.</summary>
    ManageParIndex,

    /// <summary>Appraise self-assessments, ask for explanations, finalise, publish results.</summary>
    Appraise,

    /// <summary>See appraised results before their campaign is published.</summary>
    SeeUnpublishedResults,

    /// <summary>Receive and return dossiers at the agency's one-stop desk.</summary>
    ReceiveDossiers,

    /// <summary>Run a SIPAS survey wave: sample, contact, key in and re-check questionnaires.</summary>
    RunSurveyWave,

    /// <summary>Handle citizens' feedback addressed to the agency.</summary>
    HandleFeedback,
}

/// <summary>Where a capability a role grants applies.</summary>
public enum CapabilityScope
{
    /// <summary>Every agency of the province.</summary>
    Province,

    /// <summary>The person's own agency.</summary>
    Agency,

    /// <summary>The person's own unit of their agency.</summary>
    Unit,
}

/// <summary>The one table from roles to capabilities (and where each applies); a table-driven test pins it.</summary>
public static class RoleCapabilities
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

/// <summary>
/// The signed-in person's capabilities. <c>Has(c)</c> asks "anywhere" (menus); <c>Has(c, agency)</c> and
/// <c>Has(c, agency, unit)</c> ask for one agency or unit (every check that guards data).
/// </summary>
public sealed class Capabilities(CurrentUser me)
{
    public bool Has(Capability capability) => RoleCapabilities.Grants(me.Roles, me.AgencyId, me.UnitId, capability, null, null);

    public bool Has(Capability capability, Guid agencyId) => RoleCapabilities.Grants(me.Roles, me.AgencyId, me.UnitId, capability, agencyId, null);

    public bool Has(Capability capability, Guid agencyId, Guid unitId) => RoleCapabilities.Grants(me.Roles, me.AgencyId, me.UnitId, capability, agencyId, unitId);

    /// <summary>Whether the capability applies to every agency (a province-wide role), not only the person's own.</summary>
    public bool HasProvinceWide(Capability capability) =>
        me.Roles.Any(r => RoleCapabilities.Table.TryGetValue(r, out var granted) && granted.TryGetValue(capability, out var scope) && scope == CapabilityScope.Province);

    public void Ensure(Capability capability, Guid agencyId)
    {
        if (!Has(capability, agencyId))
        {
            throw new ForbiddenException();
        }
    }

    public void Ensure(Capability capability)
    {
        if (!Has(capability))
        {
            throw new ForbiddenException();
        }
    }
}
