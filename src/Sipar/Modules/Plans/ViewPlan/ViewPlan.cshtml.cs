using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sipar.Modules.Plans;

internal sealed class ViewPlanModel(PlanQueries plans) : PageModel
{
    public PlanView Plan { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Plan = await plans.GetAsync(id, ct);
        return Page();
    }
}
