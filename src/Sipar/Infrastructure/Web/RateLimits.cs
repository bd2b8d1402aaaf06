using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// ASP.NET Core's rate limiter, per client address: every anonymous request (pages, API, the citizens' pages to
/// come) shares a token bucket of <c>RateLimits:AnonymousPerMinute</c>, and login attempts have their own, smaller
/// window (<c>RateLimits:LoginPerMinute</c>). Static files, health checks and the error page are not limited. A
/// refused request gets 429 with <c>Retry-After</c>: the Vietnamese error page, or ProblemDetails from the API.
/// Behind a reverse proxy the address is the forwarded one (see the README's deployment section).
/// </summary>
internal static class RateLimits
{
    public static IHostApplicationBuilder AddRateLimits(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("RateLimits");
        var anonymousPerMinute = Math.Max(1, section.GetValue("AnonymousPerMinute", 300));
        var loginPerMinute = Math.Max(1, section.GetValue("LoginPerMinute", 10));
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLimitedAnonymous(http)
                    ? RateLimitPartition.GetTokenBucketLimiter("anonymous:" + AddressOf(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = anonymousPerMinute,
                        TokensPerPeriod = Math.Max(1, anonymousPerMinute / 60),
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsLoginAttempt(http)
                    ? RateLimitPartition.GetFixedWindowLimiter("login:" + AddressOf(http), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = loginPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("")));
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (context.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                    var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = t["Error.429"], Detail = t["Error.429.Detail"] };
                    await response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json", ct);
                }

                // Pages: the empty 429 is re-executed as the Vietnamese error page (which is not limited).
            };
        });
        return builder;
    }

    /// <summary>The client's address as the limits see it (after forwarded headers).</summary>
    public static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static bool IsLimitedAnonymous(HttpContext http) =>
        http.User.Identity?.IsAuthenticated != true && !IsExempt(http.Request.Path);

    private static bool IsLoginAttempt(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.Equals("/account/login", StringComparison.OrdinalIgnoreCase);

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/lib") || path.StartsWithSegments("/css") || path.StartsWithSegments("/js")
        || path.StartsWithSegments("/favicon.ico") || path.StartsWithSegments("/health") || path.StartsWithSegments("/error");
}
