using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Auth;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Accounts;

/// <summary>Starts and ends <see cref="AccountSession"/>s; the login cookie carries the session's id.</summary>
internal sealed class Sessions(SiparDbContext db, SignInManager<User> signIn, TimeProvider clock)
{
    public const string Claim = "sipar:session";

    /// <summary>Signs the user in with a new session (or, after a password change, the same one again).</summary>
    public async Task SignInAsync(User user, bool persistent, HttpContext http, Guid? keep = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(http);
        var id = keep;
        if (id is null)
        {
            var session = AccountSession.Start(user.Id, http.Request.Headers.UserAgent.ToString(), clock.GetUtcNow().UtcDateTime);
            db.Add(session);
            await db.SaveChangesAsync();
            id = session.Id;
        }

        await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = persistent }, [new Claim(Claim, id.Value.ToString())]);
    }

    /// <summary>Ends the session of this request (logout).</summary>
    public async Task EndCurrentAsync(ClaimsPrincipal principal)
    {
        if (IdOf(principal) is { } id)
        {
            await db.Set<AccountSession>().Where(s => s.Id == id && s.EndedAt == null)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, clock.GetUtcNow().UtcDateTime).SetProperty(s => s.EndReason, SessionEnd.LoggedOut));
        }
    }

    /// <summary>Ends every live session of a user, except <paramref name="except"/> (the one changing its own password).</summary>
    public async Task EndAllAsync(Guid userId, SessionEnd reason, Guid? except = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Set<AccountSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason));
    }

    public static Guid? IdOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(Claim), out var id) ? id : null;

    /// <summary>
    /// The cookie's check on every request: the session must be live and the security stamp unchanged, or the
    /// request is anonymous (and the cookie removed). When the user's roles, agency, unit or name changed since the
    /// cookie was written, the principal is rebuilt from the database, so the change counts from this request on.
    /// Static files are not checked (nothing there reads the user).
    /// </summary>
    internal static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var path = context.HttpContext.Request.Path;
        if (path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js") || path.StartsWithSegments("/favicon.ico"))
        {
            return;
        }

        var principal = context.Principal;
        var sessionId = IdOf(principal);
        if (sessionId is null || !Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
        {
            await RejectAsync(context);
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<SiparDbContext>();
        var current = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new
            {
                u.SecurityStamp,
                u.FullName,
                u.AgencyId,
                u.UnitId,
                Roles = u.Roles.Select(r => r.Role).ToList(),
                Live = db.Set<AccountSession>().Any(s => s.Id == sessionId && s.UserId == u.Id && s.EndedAt == null),
            })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        var stampType = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (current is null || !current.Live || current.SecurityStamp != principal!.FindFirstValue(stampType))
        {
            await RejectAsync(context);
            return;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        var unchanged = roles.SequenceEqual(current.Roles.Select(r => r.ToString()).Order(StringComparer.Ordinal))
            && principal.FindFirstValue(SiparClaims.Agency) == current.AgencyId?.ToString()
            && principal.FindFirstValue(SiparClaims.Unit) == current.UnitId?.ToString()
            && principal.FindFirstValue(SiparClaims.FullName) == current.FullName;
        if (unchanged)
        {
            return;
        }

        var signIn = context.HttpContext.RequestServices.GetRequiredService<SignInManager<User>>();
        var user = await signIn.UserManager.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            await RejectAsync(context);
            return;
        }

        var fresh = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)fresh.Identity!).AddClaim(new Claim(Claim, sessionId.Value.ToString()));
        context.ReplacePrincipal(fresh);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
