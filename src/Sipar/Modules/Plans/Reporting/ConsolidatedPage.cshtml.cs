using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>The agency's consolidated report for a period: figures from Sipar, words from the office, a .docx to sign.</summary>
internal sealed class ConsolidatedPageModel(Consolidation consolidation, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid PeriodId { get; set; }

    public ConsolidatedView View { get; private set; } = null!;

    /// <summary>The office's words, as saved or as just typed (kept when saving is refused).</summary>
    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Difficulties { get; set; }

    [BindProperty]
    public string? Proposals { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        View = await consolidation.GetAsync(PeriodId, ct);
        (Summary, Difficulties, Proposals) = (View.Summary, View.Difficulties, View.Proposals);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        RunAsync(() => consolidation.SaveAsync(PeriodId, Summary, Difficulties, Proposals, ct), "Common.Saved", $"/reports/{PeriodId}/consolidated",
            async () => View = await consolidation.GetAsync(PeriodId, ct));
}
