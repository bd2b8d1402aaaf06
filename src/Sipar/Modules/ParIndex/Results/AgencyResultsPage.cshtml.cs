using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.ParIndex;

/// <summary>One agency's year on one screen: where its points were lost, what did not improve, what to keep; each gap can become next year's task.</summary>
internal sealed class AgencyResultsPageModel(ParResults results, GapTasks gaps, CurrentUser me, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid AgencyId { get; set; }

    public Scorecard Card { get; private set; } = null!;

    public GapList Gaps { get; private set; } = null!;

    public int Count { get; private set; }

    public bool CanAddTasks => gaps.CanAdd(AgencyId);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public Task<IActionResult> OnPostGapAsync(string? code, CancellationToken ct) => RunAsync(
        async () =>
        {
            var (_, taskId) = await gaps.AddAsync(Year, AgencyId, code ?? "", ct);
            return $"/tasks/{taskId}";
        },
        "Par.GapAdded", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        me.EnsureCanReadAgency(AgencyId);
        (Card, Count) = await results.VisibleScorecardAsync(Year, AgencyId, ct);
        Gaps = GapList.Of(Card);
    }
}
