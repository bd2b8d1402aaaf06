using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

/// <summary>Units × periods: who owes a report, who sent it on time, late, or not at all.</summary>
internal sealed class ReportMatrixModel(UnitReporting reporting, CurrentUser me, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReportMatrix Matrix { get; private set; } = null!;

    public bool IsOffice => me.IsInRole(Role.Office) && me.AgencyId == Matrix.AgencyId;

    public async Task OnGetAsync(CancellationToken ct) => Matrix = await reporting.MatrixAsync(Id, ct);

    public async Task<IActionResult> OnPostDueAsync(Guid periodId, DateOnly? due, CancellationToken ct)
    {
        try
        {
            if (due is null)
            {
                throw new DomainValidationException("", "Calendar.RequiredDate");
            }

            await reporting.SetInternalDueDateAsync(periodId, due.Value, ct);
            TempData["Flash"] = t["Common.Saved"].Value;
            return Redirect($"/plans/{Id}/reports");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, t);
            Matrix = await reporting.MatrixAsync(Id, ct);
            return Page();
        }
    }
}
