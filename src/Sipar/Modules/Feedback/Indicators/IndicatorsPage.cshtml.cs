using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Feedback;

/// <summary>Chỉ số phản ánh, kiến nghị: the period's figures (QĐ 766), a breakdown, charts and the .xlsx export.</summary>
internal sealed class FeedbackIndicatorsPageModel(FeedbackIndicators indicators, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public FeedbackBreakdown By { get; set; } = FeedbackBreakdown.Category;

    public FeedbackReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        try
        {
            Report = await LoadAsync(ct);
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer);
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var report = await LoadAsync(ct);
        return File(FeedbackIndicators.Workbook(report, Localizer["FeedbackBreakdown." + report.By].Value), Dossiers.DossiersModule.Xlsx, "chi-so-phan-anh.xlsx");
    }

    private Task<FeedbackReport> LoadAsync(CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        From ??= new DateOnly(today.Year, 1, 1);
        To ??= today;
        return indicators.ReportAsync(me.AgencyId ?? Guid.Empty, From.Value, To.Value, By, ct);
    }

    public string QueryString(string handler) =>
        $"?handler={handler}&From={From:yyyy-MM-dd}&To={To:yyyy-MM-dd}&By={By}";
}
