using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Errors;

/// <summary>Maps the closed set of domain exceptions to ProblemDetails with Vietnamese (or English) messages.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problemDetails, IStringLocalizer<SharedResource> localizer)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/api"))
        {
            return false;
        }

        ProblemDetails? problem = exception switch
        {
            DomainValidationException v => new HttpValidationProblemDetails(v.ToDictionary(localizer))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = localizer["Error.ValidationTitle"],
            },
            ForbiddenException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer["Error.Forbidden"] },
            NotFoundException => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = localizer["Error.NotFound"] },
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }
}

/// <summary>Localizes <see cref="LabelArg"/> arguments before formatting the message that holds them.</summary>
public sealed class LabelLocalizer(IStringLocalizer inner) : IStringLocalizer
{
    public LocalizedString this[string name] => inner[name];

    public LocalizedString this[string name, params object[] arguments] =>
        inner[name, arguments.Select(a => a is LabelArg l ? (object)inner[l.Key].Value : a).ToArray()];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
}
