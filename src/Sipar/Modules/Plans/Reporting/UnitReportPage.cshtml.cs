using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>A unit's report for a period: the unit writes and submits, the office accepts or returns, leadership approves.</summary>
internal sealed class UnitReportPageModel(UnitReporting reporting, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid PeriodId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    public ReportView Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await reporting.OpenAsync(PeriodId, UnitId, ct);
            return Page();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
    }

    public Task<IActionResult> OnPostSaveAsync(string? narrative, Dictionary<Guid, string?>? progress, CancellationToken ct) =>
        Try(() => reporting.SaveAsync(PeriodId, UnitId, narrative, progress ?? [], ct), "Common.Saved", ct);

    public Task<IActionResult> OnPostSubmitAsync(string? narrative, Dictionary<Guid, string?>? progress, CancellationToken ct) =>
        Try(() => reporting.SubmitAsync(PeriodId, UnitId, narrative, progress ?? [], ct), "Report.Submitted", ct);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        Try(() => reporting.AcceptAsync(PeriodId, UnitId, ct), "Report.Accepted", ct);

    public Task<IActionResult> OnPostReturnAsync(string? reason, CancellationToken ct) =>
        Try(() => reporting.ReturnAsync(PeriodId, UnitId, reason ?? "", ct), "Report.Returned", ct);

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        Try(() => reporting.ApproveAsync(PeriodId, UnitId, ct), "Report.Approved", ct);

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/reports/{PeriodId}/{UnitId}", async () => Report = await reporting.OpenAsync(PeriodId, UnitId, ct));
}
