using System.Security.Claims;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Accounts;

// The Accounts module's contract: the only types other modules may use (ADR 0014). Who is signed in
// (CurrentUser), what they may do (Capabilities), roles for creating people, and people's names and emails (IPeople).

/// <summary>What a person may do. All but Administrator and Appraiser are scoped to one agency.</summary>
public enum Role
{
    /// <summary>Quản trị hệ thống: accounts, agencies, units, calendars (province-wide).</summary>
    Administrator,

    /// <summary>Văn phòng: the plan's focal point in an agency.</summary>
    Office,

    /// <summary>Lãnh đạo cơ quan.</summary>
    Leader,

    /// <summary>Cán bộ phòng, đơn vị.</summary>
    UnitOfficer,

    /// <summary>Cán bộ Bộ phận Một cửa.</summary>
    DeskOfficer,

    /// <summary>Thẩm định viên (Sở Nội vụ), province-wide.</summary>
    Appraiser,

    /// <summary>Điều tra viên SIPAS.</summary>
    Surveyor,
}

public static class RoleExtensions
{
    public static bool IsAgencyScoped(this Role role) => role is not (Role.Administrator or Role.Appraiser);

    /// <summary>Resource key of the role's display name.</summary>
    public static string LabelKey(this Role role) => "Role." + role;
}

/// <summary>The signed-in user of this request, with the scope checks every handler uses.</summary>
public sealed class CurrentUser(IHttpContextAccessor httpContextAccessor)
{
    private ClaimsPrincipal Principal => httpContextAccessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;

    public Guid? Id => Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string FullName => Principal.FindFirstValue(SiparClaims.FullName) ?? Principal.Identity?.Name ?? "";

    public Guid? AgencyId => Guid.TryParse(Principal.FindFirstValue(SiparClaims.Agency), out var id) ? id : null;

    public Guid? UnitId => Guid.TryParse(Principal.FindFirstValue(SiparClaims.Unit), out var id) ? id : null;

    public IReadOnlyList<Role> Roles => RolesOf(Principal);

    /// <summary>The roles in a principal's claims (the cookie is rebuilt from the database when they change).</summary>
    public static IReadOnlyList<Role> RolesOf(ClaimsPrincipal principal) =>
        (principal ?? throw new ArgumentNullException(nameof(principal))).FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var r) ? (Role?)r : null).OfType<Role>().ToList();

    /// <summary>For Accounts itself (the role table, the admin pages); every other module asks <see cref="Capabilities"/>.</summary>
    internal bool IsInRole(Role role) => Principal.IsInRole(role.ToString());

    /// <summary>Capability <see cref="Capability.ReadAgency"/>: province-wide roles read every agency; everyone else only their own.</summary>
    public bool CanReadAgency(Guid agencyId) =>
        RoleCapabilities.Grants(Roles, AgencyId, UnitId, Capability.ReadAgency, agencyId, null);

    public void EnsureCanReadAgency(Guid agencyId)
    {
        if (!CanReadAgency(agencyId))
        {
            throw new ForbiddenException();
        }
    }
}

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

    /// <summary>Process the dossiers assigned to one's unit: ask for documents, submit for signature, ask for an apology letter.</summary>
    ProcessDossiers,

    /// <summary>Manage the agency's procedure catalogue and import dossiers from the province's one-stop system.</summary>
    ManageProcedures,

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

/// <summary>Authorization policy names, each one capability (<see cref="Capability"/>).</summary>
public static class Policies
{
    public const string Administer = nameof(Capability.Administer);
}

/// <summary>A unit a person can belong to.</summary>
public sealed record PlaceUnit(Guid Id, string Name);

/// <summary>An agency a person can belong to, with its units.</summary>
public sealed record PlaceAgency(Guid Id, string Name, IReadOnlyList<PlaceUnit> Units);

/// <summary>
/// Where people can be placed: the agencies and their units. Accounts defines it and Organisation provides it, so
/// Accounts depends on no other module (Organisation depends on Accounts for who is signed in).
/// </summary>
public interface IPlaces
{
    Task<IReadOnlyList<PlaceAgency>> AllAsync(CancellationToken ct);
}

/// <summary>People as other modules need them: names for display, emails for reminders, whether a unit still has anyone.</summary>
public interface IPeople
{
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct);

    Task<IReadOnlyList<string>> EmailsOfUnitAsync(Guid unitId, CancellationToken ct);

    /// <summary>The emails of the people of each unit, in one query (a unit without anyone is absent).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> EmailsOfUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct);

    Task<bool> AnyInUnitAsync(Guid unitId, CancellationToken ct);

    /// <summary>The people placed in these units, by name (e.g. whom a dossier can be handed to).</summary>
    Task<IReadOnlyList<Person>> InUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct);

    /// <summary>The emails of the agency's people whose roles grant <paramref name="capability"/> there (e.g. its leaders, for an escalation).</summary>
    Task<IReadOnlyList<string>> EmailsWithAsync(Guid agencyId, Capability capability, CancellationToken ct);
}

/// <summary>A person as other modules may show them: id, unit, full name.</summary>
public sealed record Person(Guid Id, Guid? UnitId, string Name);

/// <summary>The administrator's records for accounts (pages, API, CLI).</summary>
public sealed record UserInput(string Email, string FullName, Guid? AgencyId, Guid? UnitId, IReadOnlyList<Role> Roles);

public sealed record UserSummary(
    Guid Id, string Email, string FullName, Guid? AgencyId, string? AgencyName, Guid? UnitId, string? UnitName,
    IReadOnlyList<Role> Roles, bool LockedOut);

public sealed record CreatedUser(Guid Id, string Email, string FullName, string Password);
