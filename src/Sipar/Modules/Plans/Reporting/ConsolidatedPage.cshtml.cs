using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>The agency's consolidated report for a period: figures from Sipar, words from the office, a .docx to sign.</summary>
internal sealed class ConsolidatedPageModel(Consolidation consolidation, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid PeriodId { get; set; }

    public ConsolidatedView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await consolidation.GetAsync(PeriodId, ct);

    public async Task<IActionResult> OnPostAsync(string? summary, string? difficulties, string? proposals, CancellationToken ct)
    {
        try
        {
            await consolidation.SaveAsync(PeriodId, summary, difficulties, proposals, ct);
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/reports/{PeriodId}/consolidated");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, t);
            View = await consolidation.GetAsync(PeriodId, ct);
            return Page();
        }
    }
}
