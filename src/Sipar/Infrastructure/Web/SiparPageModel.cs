using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Infrastructure.Web;

/// <summary>The one way pages run a change: done → message and redirect; refused → 403; bad input → the page again, messages beside the fields.</summary>
internal abstract class SiparPageModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    protected IStringLocalizer<SharedResource> Localizer { get; } = localizer;

    /// <summary>Set when the page shows the confirmation step of an action that cannot be undone.</summary>
    public Confirmation? ConfirmStep { get; private set; }

    /// <summary>
    /// The first post of an action that cannot be undone: checks it (<paramref name="check"/> throws what would be
    /// refused, and returns warnings), then shows the page again with the confirmation step instead of running it.
    /// </summary>
    protected async Task<IActionResult> AskFirstAsync(Func<Task<IReadOnlyList<string>>> check, Func<IReadOnlyList<string>, Confirmation> confirmation, Func<Task> reload, string fieldPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(confirmation);
        ArgumentNullException.ThrowIfNull(reload);
        IReadOnlyList<string>? warnings = null;
        if (VietnameseDateBinder.AnyRefused(HttpContext))
        {
            // As in RunAsync: a date that did not bind is said beside its field; nothing is asked.
            await reload();
            return Page();
        }

        try
        {
            warnings = await check();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, fieldPrefix);
        }

        await reload();
        ConfirmStep = warnings is null ? null : confirmation(warnings);
        return Page();
    }

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
        if (VietnameseDateBinder.AnyRefused(HttpContext))
        {
            // A date that is not a date: running the change would save it as empty. The page comes back with the message
            // beside the field and everything as typed.
            await reload();
            return Page();
        }

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
