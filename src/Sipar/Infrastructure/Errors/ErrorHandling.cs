using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Sipar.Infrastructure.Errors;

/// <summary>
/// For <c>/api</c>: maps the closed set of domain exceptions, and requests the API could not bind (a value that
/// does not parse, malformed JSON), to ProblemDetails with messages in the request's language (Vietnamese by default). Anything else goes on to the exception handler (500, nothing leaked).
/// </summary>
internal sealed class ApiErrorMiddleware(RequestDelegate next, IStringLocalizer<SharedResource> localizer)
{
    public async Task InvokeAsync(HttpContext httpContext)
    {
        try
        {
            await next(httpContext);
        }
        catch (Exception exception) when (exception is DomainValidationException or ForbiddenException or NotFoundException or BadHttpRequestException or Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException && !httpContext.Response.HasStarted)
        {
            ProblemDetails problem = exception switch
            {
                Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = localizer["Error.Conflict"] },
                BadHttpRequestException bad => new ProblemDetails
                {
                    Status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest,
                    Title = localizer["Error.400"],
                    Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? localizer["Error.BodyTooLarge"] : localizer["Error.BadRequestDetail"],
                },
                DomainValidationException v => new HttpValidationProblemDetails(v.ToDictionary(localizer))
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = localizer["Error.ValidationTitle"],
                },
                ForbiddenException => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = localizer["Error.Forbidden"] },
                _ => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = localizer["Error.NotFound"] },
            };
            httpContext.Response.Clear();
            httpContext.Response.StatusCode = problem.Status!.Value;
            await httpContext.Response.WriteAsJsonAsync(problem, problem.GetType(), options: null, contentType: "application/problem+json");
        }
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
