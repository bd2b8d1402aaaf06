using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed class ViewPlanModel(PlanQueries plans, PlanLifecycle lifecycle, PlanFollowUp followUp, CurrentUser me, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<FlagLine> Flags { get; private set; } = [];

    public PlanView Plan { get; private set; } = null!;

    [BindProperty]
    public string? IssueNumber { get; set; }

    [BindProperty]
    public DateOnly? IssueDate { get; set; }

    public bool CanIssue => Plan.Status == PlanStatus.Draft
        && (me.IsInRole(Role.Administrator) || (me.IsInRole(Role.Office) && me.AgencyId == Plan.AgencyId));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Plan = await plans.GetAsync(id, ct);
        Flags = await followUp.FlagsAsync(id, Plan.AgencyId, ct);
        IssueNumber = Plan.Number;
        IssueDate = Plan.IssuedOn;
        return Page();
    }

    public bool CanClose => Plan.Status == PlanStatus.Issued
        && (me.IsInRole(Role.Administrator) || (me.IsInRole(Role.Office) && me.AgencyId == Plan.AgencyId));

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await lifecycle.CloseAsync(id, ct);
            TempData["Flash"] = t["Plan.ClosedDone"].Value;
            return Redirect($"/plans/{id}");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    public async Task<IActionResult> OnPostIssueAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await lifecycle.IssueAsync(id, IssueNumber, IssueDate, ct);
            TempData["Flash"] = t["Plan.IssuedDone"].Value;
            return Redirect($"/plans/{id}");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, t);
            Plan = await plans.GetAsync(id, ct);
            Flags = await followUp.FlagsAsync(id, Plan.AgencyId, ct);
            return Page();
        }
    }
}
