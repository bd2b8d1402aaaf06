using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

/// <summary>Units × periods: who owes a report, who sent it on time, late, or not at all.</summary>
internal sealed class ReportMatrixModel(UnitReporting reporting, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReportMatrix Matrix { get; private set; } = null!;

    public bool IsOffice => can.Has(Capability.RunPlan, Matrix.AgencyId);

    public async Task OnGetAsync(CancellationToken ct) => Matrix = await reporting.MatrixAsync(Id, ct);

    public Task<IActionResult> OnPostDueAsync(Guid periodId, DateOnly? due, CancellationToken ct) =>
        RunAsync(
            async () =>
            {
                await reporting.EnsureOfficeForPlanAsync(Id, ct);
                await (due is { } d ? reporting.SetInternalDueDateAsync(periodId, d, ct) : throw new DomainValidationException("", "Calendar.RequiredDate"));
            },
            "Common.Saved", $"/plans/{Id}/reports", async () => Matrix = await reporting.MatrixAsync(Id, ct));
}
