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

    /// <summary>What was typed, shown again when it is refused, so nothing is lost (null: show what is saved).</summary>
    public string? TypedNarrative { get; private set; }

    public IReadOnlyDictionary<Guid, string?> TypedProgress { get; private set; } = new Dictionary<Guid, string?>();

    public string? TypedReason { get; private set; }

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

    public Task<IActionResult> OnPostSaveAsync(string? narrative, Dictionary<Guid, string?>? progress, CancellationToken ct)
    {
        Keep(narrative, progress);
        return Try(() => reporting.SaveAsync(PeriodId, UnitId, narrative, progress ?? [], ct), "Common.Saved", ct);
    }

    public Task<IActionResult> OnPostSubmitAsync(string? narrative, Dictionary<Guid, string?>? progress, CancellationToken ct)
    {
        Keep(narrative, progress);
        return Try(() => reporting.SubmitAsync(PeriodId, UnitId, narrative, progress ?? [], ct), "Report.Submitted", ct);
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) =>
        Try(() => reporting.AcceptAsync(PeriodId, UnitId, ct), "Report.Accepted", ct);

    public Task<IActionResult> OnPostReturnAsync(string? reason, CancellationToken ct)
    {
        TypedReason = reason;
        return Try(() => reporting.ReturnAsync(PeriodId, UnitId, reason ?? "", ct), "Report.Returned", ct);
    }

    public Task<IActionResult> OnPostApproveAsync(CancellationToken ct) =>
        Try(() => reporting.ApproveAsync(PeriodId, UnitId, ct), "Report.Approved", ct);

    private void Keep(string? narrative, Dictionary<Guid, string?>? progress)
    {
        TypedNarrative = narrative ?? "";
        TypedProgress = progress ?? [];
    }

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/reports/{PeriodId}/{UnitId}", async () => Report = await reporting.OpenAsync(PeriodId, UnitId, ct));
}
