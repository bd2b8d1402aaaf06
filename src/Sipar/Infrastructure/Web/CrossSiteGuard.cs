using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Web;

/// <summary>
/// API writes cannot be forged from another site. The API is signed in by the same cookie as the pages, and a
/// cross-site form can post to it (with <c>text/plain</c> or <c>multipart/form-data</c>, which need no CORS
/// preflight). Browsers always say where such a request comes from (<c>Origin</c>, and <c>Sec-Fetch-Site</c> in
/// current browsers); a write whose origin is not this site is refused with 403. Clients that are not browsers (the
/// CLI, scripts) send neither header and are not affected.
/// </summary>
internal sealed class CrossSiteGuard(RequestDelegate next, IStringLocalizer<SharedResource> t)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method) && IsCrossSite(request))
        {
            var problem = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = t["Error.CrossSite"] };
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
            return;
        }

        await next(context);
    }

    private static bool IsCrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return !string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site.Length > 0 && site is not ("same-origin" or "none");
    }
}
