using System.Security.Claims;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Accounts;

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
