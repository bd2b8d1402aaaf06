using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Razor;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Web;

internal static class WebHost
{
    /// <summary>
    /// The app's builder. The content root is the executable's folder (appsettings travel with it) unless the host
    /// is told otherwise (the test host passes its own); data goes to <c>Sipar:DataDirectory</c>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var givenRoot = args.Any(a => a.Contains("contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is not null;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Named after this assembly, not the process's entry point, so static assets resolve in tests too.
            ApplicationName = typeof(WebHost).Assembly.GetName().Name,
            ContentRootPath = givenRoot ? null : AppContext.BaseDirectory,
        });

        // The build output (not the published one) has no wwwroot of its own: its assets are found through the
        // static web assets manifest, which ASP.NET Core reads only in Development. Read it in every environment, so
        // `dotnet sipar.dll` from bin/ in Production serves its stylesheets instead of empty 200s.
        var root = builder.Environment.ContentRootPath;
        if (!builder.Environment.IsDevelopment() && !Directory.Exists(Path.Combine(root, "wwwroot"))
            && File.Exists(Path.Combine(root, builder.Environment.ApplicationName + ".staticwebassets.runtime.json")))
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }

    public static IHostApplicationBuilder AddWeb(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(o =>
            {
                // Pages live beside their module's code (Modules/<Module>/<UseCase>/), each with an explicit route.
                o.RootDirectory = "/";
                o.Conventions.AuthorizeFolder("/Modules");
                o.Conventions.AddPageRoute("/Modules/Accounts/ManageUsers/Edit", "/admin/users/new");
            })
            .AddMvcOptions(o => o.ModelBinderProviders.Insert(0, new DateBinderProvider()))
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, BindingMessages>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcViewOptions>(o => o.ClientModelValidatorProviders.Clear());
        builder.Services.Configure<RazorViewEngineOptions>(o =>
        {
            o.PageViewLocationFormats.Add("/Shared/{0}.cshtml");
        });
        // Vietnamese is written as characters in the HTML, not as &#x...; entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddAntiforgery(o => o.HeaderName = "RequestVerificationToken");
        builder.Services.AddProblemDetails();
        // Bad API input (a date or number that does not parse, an unknown enum name, malformed JSON) is a 400 with a
        // Vietnamese ProblemDetails in every environment: binding failures always throw and ApiErrorMiddleware maps them.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton(TimeProvider.System);
        // A reverse proxy on the same machine (loopback) is trusted by default; one on another host is named in
        // ForwardedHeaders:KnownProxies ("10.0.0.5,10.0.0.6"), so client addresses (rate limits) and https are right.
        var proxies = (builder.Configuration["ForwardedHeaders:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries);
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        builder.AddRateLimits();
        // Pages and API answers are compressed in every environment (ADR 0019). Published static assets come
        // precompressed (brotli, gzip) and already carry their Content-Encoding, which this leaves alone.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
            o.MimeTypes = Microsoft.AspNetCore.ResponseCompression.ResponseCompressionDefaults.MimeTypes.Concat(["image/svg+xml", "application/problem+json"]);
        });
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        builder.Services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return builder;
    }

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        // Before anything that needs a login: /metrics answers only where MetricsSetup allows it.
        Observability.MetricsSetup.UseSiparMetrics(app);
        app.UseResponseCompression();
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        // Pages: domain exceptions that escape a page become the matching status with the Vietnamese error page.
        // The API answers with ProblemDetails (ApiErrorMiddleware, below) before this is reached.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            StatusCodeSelector = e => e switch
            {
                DomainValidationException => StatusCodes.Status400BadRequest,
                ForbiddenException => StatusCodes.Status403Forbidden,
                NotFoundException => StatusCodes.Status404NotFound,
                Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => StatusCodes.Status409Conflict,
                // A request that cannot be read (a form endpoint sent JSON, a body cut short) is the client's: 400/413/415, not 500.
                BadHttpRequestException bad when bad.StatusCode is >= 400 and < 500 => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages().UseMiddleware<ApiErrorMiddleware>().UseMiddleware<CrossSiteGuard>());
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api") && !c.Request.Path.StartsWithSegments("/health"),
            pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<UploadLimits>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
        return app;
    }
}
