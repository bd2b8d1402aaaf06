using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

/// <summary>Units × periods of one report owed in the plan's year: who owes it, who sent it on time, late, or not at all.</summary>
internal sealed class ReportMatrixModel(UnitReporting reporting, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The report shown (<c>?obligation=</c>); the CCHC report when none.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Obligation { get; set; }

    public ReportMatrix Matrix { get; private set; } = null!;

    public bool IsOffice => can.Has(Capability.RunPlan, Matrix.AgencyId);

    public string Here => Obligation is { } o ? $"/plans/{Id}/reports?obligation={o}" : $"/plans/{Id}/reports";

    public async Task OnGetAsync(CancellationToken ct) => Matrix = await reporting.MatrixAsync(Id, ct, Obligation);

    public Task<IActionResult> OnPostDueAsync(Guid periodId, DateOnly? due, CancellationToken ct) =>
        RunAsync(
            async () =>
            {
                await reporting.EnsureOfficeForPlanAsync(Id, ct);
                await (due is { } d ? reporting.SetInternalDueDateAsync(periodId, d, ct) : throw new DomainValidationException("", "Calendar.RequiredDate"));
            },
            "Common.Saved", Here, async () => Matrix = await reporting.MatrixAsync(Id, ct, Obligation));

    /// <summary>The office adds a period to a report owed on request.</summary>
    public Task<IActionResult> OnPostRequestedAsync(DateOnly? windowStart, DateOnly? windowEnd, DateOnly? due, CancellationToken ct) =>
        RunAsync(
            async () =>
            {
                await reporting.EnsureOfficeForPlanAsync(Id, ct);
                await reporting.AddRequestedPeriodAsync(Obligation ?? throw new NotFoundException(), windowStart, windowEnd, due, ct);
            },
            "Common.Saved", Here, async () => Matrix = await reporting.MatrixAsync(Id, ct, Obligation));
}
