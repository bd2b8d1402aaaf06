using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>Chỉ tiêu Một cửa: the period's figures with a breakdown, charts, the month-by-month on-time rate and the .xlsx export.</summary>
internal sealed class IndicatorsPageModel(IndicatorsDashboard dashboard, CurrentUser me, Capabilities can, IAgencies agencies, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public IndicatorPeriod Period { get; set; } = IndicatorPeriod.Month;

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Number { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public IndicatorBreakdown By { get; set; } = IndicatorBreakdown.Unit;

    /// <summary>The agency shown; "all" (province-wide roles) is <see cref="Guid.Empty"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IndicatorReport Report { get; private set; } = null!;

    public IReadOnlyList<AgencyInfo> Agencies { get; private set; } = [];

    /// <summary>Whether the signed-in person has a register to go back to (their own agency's).</summary>
    public bool HasRegister => me.AgencyId is not null;

    public bool ProvinceWide => can.HasProvinceWide(Capability.ReadAgency);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (!Allowed())
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return File(IndicatorsDashboard.Workbook(Report, Localizer["IndicatorBreakdown." + Report.Query.By].Value), DossiersModule.Xlsx, "chi-tieu-mot-cua.xlsx");
    }

    /// <summary>The query string of this view, for the export link and the period links.</summary>
    public string QueryString(string? handler = null)
    {
        var q = new List<string> { "Period=" + Period, "Year=" + Report.Query.Year, "Number=" + Report.Query.Number, "By=" + By };
        if (Agency is { } a)
        {
            q.Add("Agency=" + a);
        }

        if (Period == IndicatorPeriod.Custom)
        {
            q.Add("From=" + Report.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            q.Add("To=" + Report.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (handler is not null)
        {
            q.Add("handler=" + handler);
        }

        return "?" + string.Join("&", q);
    }

    private bool Allowed() => ProvinceWide || (me.AgencyId is { } a && can.Has(Capability.ReadAgency, a));

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = Infrastructure.Time.VietnamTime.Today(clock);
        var year = Year is >= 2000 and <= 2100 ? Year.Value : today.Year;
        var number = Number ?? Period switch { IndicatorPeriod.Month => today.Month, IndicatorPeriod.Quarter => ((today.Month - 1) / 3) + 1, IndicatorPeriod.Half => today.Month <= 6 ? 1 : 2, _ => 1 };
        Guid? agency = ProvinceWide ? (Agency == Guid.Empty ? null : Agency ?? me.AgencyId) : me.AgencyId;
        if (ProvinceWide)
        {
            Agencies = await agencies.ListAsync(ct);
        }

        Report = await dashboard.ReportAsync(new IndicatorQuery(Period, year, number, From, To, agency, Enum.IsDefined(By) ? By : IndicatorBreakdown.Unit), ct);
    }
}
