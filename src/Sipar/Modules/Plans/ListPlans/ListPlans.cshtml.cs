using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed class ListPlansModel(PlanQueries plans, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public IReadOnlyList<PlanSummary> Plans { get; private set; } = [];

    public bool CanImport => can.Has(Capability.RunPlan);

    public async Task OnGetAsync(CancellationToken ct) => Plans = await plans.ListAsync(null, ct);
}
