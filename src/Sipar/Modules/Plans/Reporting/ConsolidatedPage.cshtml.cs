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

    public async Task OnGetAsync(CancellationToken ct) => View = await consolidation.GetAsync(PeriodId, ct);

    public Task<IActionResult> OnPostAsync(string? summary, string? difficulties, string? proposals, CancellationToken ct) =>
        RunAsync(() => consolidation.SaveAsync(PeriodId, summary, difficulties, proposals, ct), "Common.Saved", $"/reports/{PeriodId}/consolidated",
            async () => View = await consolidation.GetAsync(PeriodId, ct));
}
