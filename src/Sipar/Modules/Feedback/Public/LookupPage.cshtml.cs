using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Feedback;

/// <summary>Tra cứu phản ánh: code + secret (posted, never in the address), the status timeline, the answer, the rating and reopening.</summary>
[AllowAnonymous]
internal sealed class FeedbackLookupPageModel(FeedbackLookup lookup, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Secret { get; set; }

    [BindProperty]
    public bool? Satisfied { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public CitizenFeedback? Found { get; private set; }

    public bool Searched { get; private set; }

    public string? Done { get; private set; }

    /// <summary>The receipt's link fills the code (<c>?ma=</c>); the secret is still typed.</summary>
    public void OnGet([FromQuery(Name = "ma")] string? code)
    {
        var c = (code ?? "").Trim();
        Code = c.Length <= FeedbackItem.CodeLength ? c : null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await FindAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostRateAsync(CancellationToken ct) =>
        ActAsync(() => lookup.RateAsync(Code, Secret, Satisfied, Reason, HttpContext.Connection.RemoteIpAddress, ct), "Feedback.Rated", ct);

    public Task<IActionResult> OnPostReopenAsync(CancellationToken ct) =>
        ActAsync(() => lookup.ReopenAsync(Code, Secret, Reason, HttpContext.Connection.RemoteIpAddress, ct), "Feedback.Reopened", ct);

    private async Task<IActionResult> ActAsync(Func<Task> action, string doneKey, CancellationToken ct)
    {
        try
        {
            await action();
            Done = Localizer[doneKey];
            Reason = null;
        }
        catch (NotFoundException)
        {
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        await FindAsync(ct);
        return Page();
    }

    private async Task FindAsync(CancellationToken ct)
    {
        Searched = true;
        try
        {
            Found = await lookup.FindAsync(Code, Secret, HttpContext.Connection.RemoteIpAddress, ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }
    }
}
