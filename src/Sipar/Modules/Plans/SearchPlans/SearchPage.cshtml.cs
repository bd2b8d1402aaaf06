using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>Tìm kiếm: plans, tasks and reports by words typed with or without diacritics.</summary>
internal sealed class SearchPageModel(PlanSearch search, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Q = Q?.Trim() is { Length: > 0 } q ? q[..Math.Min(q.Length, 200)] : null;
        Hits = await search.FindAsync(Q, ct);
    }
}
