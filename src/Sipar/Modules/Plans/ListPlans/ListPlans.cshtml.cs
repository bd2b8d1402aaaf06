using Microsoft.AspNetCore.Mvc.RazorPages;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed class ListPlansModel(PlanQueries plans, CurrentUser me) : PageModel
{
    public IReadOnlyList<PlanSummary> Plans { get; private set; } = [];

    public bool CanImport => me.IsInRole(Role.Administrator) || (me.IsInRole(Role.Office) && me.AgencyId is not null);

    public async Task OnGetAsync(CancellationToken ct) => Plans = await plans.ListAsync(null, ct);
}
