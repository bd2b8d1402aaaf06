namespace Sipar.Infrastructure.Web;

/// <summary>
/// The security headers of every response (pages, API, errors, downloads, static files), from one place. The
/// Content-Security-Policy allows scripts, styles, images and fonts from Sipar itself only, and nothing inline: every
/// page's behaviour lives in <c>wwwroot/js</c> and its looks in <c>wwwroot/css</c>. A response that sets a stricter
/// policy of its own (evidence downloads: <c>default-src 'none'; sandbox</c>) keeps it.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

    public const string PermissionsPolicy =
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                headers["Permissions-Policy"] = PermissionsPolicy;
                headers.XFrameOptions = "DENY";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
}
