using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Accounts;

/// <summary>Puts the user's name, agency, unit and roles (from <see cref="RoleAssignment"/>) into the login cookie.</summary>
internal sealed class SiparClaimsFactory(UserManager<User> userManager, IOptions<IdentityOptions> options, SiparDbContext db)
    : UserClaimsPrincipalFactory<User>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(SiparClaims.FullName, user.FullName));
        if (user.AgencyId is { } agency)
        {
            identity.AddClaim(new Claim(SiparClaims.Agency, agency.ToString()));
        }

        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(SiparClaims.Unit, unit.ToString()));
        }

        var roles = await db.Set<RoleAssignment>().AsNoTracking().Where(r => r.UserId == user.Id).Select(r => r.Role).ToListAsync();
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }

        return identity;
    }
}
