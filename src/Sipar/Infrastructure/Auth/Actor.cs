using System.Security.Claims;

namespace Sipar.Infrastructure.Auth;

public static class SiparClaims
{
    public const string FullName = "sipar:fullname";
    public const string Agency = "sipar:agency";
    public const string Unit = "sipar:unit";
}

/// <summary>Who is acting now: the signed-in user of the request, or the command line / the system.</summary>
public sealed record Actor(Guid? UserId, string Name);

public sealed class ActorAccessor(IHttpContextAccessor httpContextAccessor)
{
    /// <summary>Set by CLI verbs so their writes are attributed to the command line.</summary>
    public static string? CommandLineName { get; set; }

    public Actor Current
    {
        get
        {
            var user = httpContextAccessor.HttpContext?.User;
            if (user?.Identity?.IsAuthenticated == true
                && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
            {
                return new Actor(id, user.FindFirstValue(SiparClaims.FullName) ?? user.Identity.Name ?? id.ToString());
            }

            return new Actor(null, CommandLineName ?? "Hệ thống");
        }
    }
}
