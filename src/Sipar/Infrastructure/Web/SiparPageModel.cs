using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Web;

/// <summary>The one way pages run a change: done → message and redirect; refused → 403; bad input → the page again, messages beside the fields.</summary>
internal abstract class SiparPageModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;

    /// <param name="action">The change.</param>
    /// <param name="doneKey">Resource key of the message shown after the redirect.</param>
    /// <param name="redirectTo">Where to go when it worked.</param>
    /// <param name="reload">Loads what the page shows, when it has to be shown again.</param>
    /// <param name="fieldPrefix">Prefix of the form's field names (e.g. <c>Input.</c>).</param>
    protected Task<IActionResult> RunAsync(Func<Task> action, string doneKey, string redirectTo, Func<Task> reload, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        return RunAsync(async () => { await action(); return redirectTo; }, doneKey, reload, fieldPrefix);
    }

    /// <summary>As above, when where to go depends on the change (e.g. the page of what it created).</summary>
    protected async Task<IActionResult> RunAsync(Func<Task<string>> action, string doneKey, Func<Task> reload, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(reload);
        try
        {
            var redirectTo = await action();
            TempData["Flash"] = Localizer[doneKey].Value;
            return Redirect(redirectTo);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, fieldPrefix);
            await reload();
            return Page();
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            // Someone changed it since this page was loaded (or at the same moment): nothing of this post is saved.
            ModelState.AddModelError("", Localizer["Error.Conflict"]);
            await reload();
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }
}
