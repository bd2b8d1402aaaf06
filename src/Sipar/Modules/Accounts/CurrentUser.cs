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

    public IReadOnlyList<Role> Roles =>
        Principal.FindAll(ClaimTypes.Role).Select(c => Enum.TryParse<Role>(c.Value, out var r) ? (Role?)r : null)
            .OfType<Role>().ToList();

    public bool IsInRole(Role role) => Principal.IsInRole(role.ToString());

    /// <summary>Administrators and appraisers read every agency; everyone else only their own.</summary>
    public bool CanReadAgency(Guid agencyId) =>
        IsInRole(Role.Administrator) || IsInRole(Role.Appraiser) || AgencyId == agencyId;

    public void EnsureCanReadAgency(Guid agencyId)
    {
        if (!CanReadAgency(agencyId))
        {
            throw new ForbiddenException();
        }
    }
}
