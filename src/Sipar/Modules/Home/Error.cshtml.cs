using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sipar.Modules.Home;

/// <summary>The page shown for 403, 404 and 500, keeping the status code.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class ErrorModel : PageModel
{
    public string TitleKey { get; private set; } = "Error.500";

    public void OnGet(int code) => Set(code);

    public void OnPost(int code) => Set(code);

    private void Set(int code)
    {
        TitleKey = code switch
        {
            403 => "Error.403",
            404 => "Error.404",
            400 => "Error.400",
            _ => "Error.500",
        };
        var original = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        Response.StatusCode = original is null && code is 403 or 404 or 400 ? code : Response.StatusCode;
        if (original is null && code >= 500)
        {
            Response.StatusCode = StatusCodes.Status500InternalServerError;
        }
    }
}
