using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Home;

/// <summary>The page shown for 400, 403, 404, 429 and 500, keeping the status code of the failed request.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel(IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public string TitleKey { get; private set; } = "Error.500";

    // No handler parameters: binding one would read the failed request's form, and a form that failed its
    // antiforgery check cannot be read (the error page itself would then fail with a 500).
    public void OnGet() => Set();

    public void OnPost() => Set();

    private void Set()
    {
        var code = int.TryParse(RouteData.Values["code"]?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : 500;
        var reExecuted = HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
            || HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null;
        if (reExecuted)
        {
            code = Response.StatusCode;
        }

        TitleKey = code switch
        {
            400 => "Error.400",
            403 => "Error.403",
            404 => "Error.404",
            409 => "Error.409",
            413 => "Error.413",
            415 => "Error.400",
            429 => "Error.429",
            _ => "Error.500",
        };
        Response.StatusCode = code is 400 or 403 or 404 or 409 or 413 or 415 or 429 ? code : StatusCodes.Status500InternalServerError;
    }
}
