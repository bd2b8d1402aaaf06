using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>The periods the indicators are published for.</summary>
internal enum IndicatorPeriod
{
    Month,
    Quarter,
    Half,
    Year,
    Custom,
}

/// <summary>What the indicators page asks: a period, an agency (null: every agency, for province-wide roles) and a breakdown.</summary>
internal sealed record IndicatorQuery(IndicatorPeriod Period, int Year, int Number, DateOnly? From, DateOnly? To, Guid? AgencyId, IndicatorBreakdown By)
{
    /// <summary>The inclusive dates of the period (a custom one as given, at most a year and a day).</summary>
    public (DateOnly From, DateOnly To) Dates()
    {
        var n = Math.Max(1, Number);
        return Period switch
        {
            IndicatorPeriod.Month => (new DateOnly(Year, Math.Min(n, 12), 1), new DateOnly(Year, Math.Min(n, 12), 1).AddMonths(1).AddDays(-1)),
            IndicatorPeriod.Quarter => (new DateOnly(Year, (Math.Min(n, 4) * 3) - 2, 1), new DateOnly(Year, (Math.Min(n, 4) * 3) - 2, 1).AddMonths(3).AddDays(-1)),
            IndicatorPeriod.Half => (new DateOnly(Year, Math.Min(n, 2) == 1 ? 1 : 7, 1), new DateOnly(Year, Math.Min(n, 2) == 1 ? 6 : 12, Math.Min(n, 2) == 1 ? 30 : 31)),
            IndicatorPeriod.Custom when From is { } f && To is { } t && t >= f && t.DayNumber - f.DayNumber <= 366 => (f, t),
            _ => (new DateOnly(Year, 1, 1), new DateOnly(Year, 12, 31)),
        };
    }
}

/// <summary>One row of a breakdown: its key, what people call it, its figures.</summary>
internal sealed record IndicatorRow(string Key, string Label, DossierFigures Figures);

/// <summary>The dashboard's figures: the whole, the breakdown, and the on-time rate month by month within the period.</summary>
internal sealed record IndicatorReport(
    IndicatorQuery Query, DateOnly From, DateOnly To, string AgencyName, DossierFigures Total, IReadOnlyList<IndicatorRow> Rows,
    IReadOnlyList<MonthOutcomes> Months);

/// <summary>The office's view of the one-stop figures (capability <see cref="Capability.ReadAgency"/>); the page, its export and the API use it.</summary>
internal sealed class IndicatorsDashboard(SiparDbContext db, DossierRollup rollup, Capabilities can, IAgencies agencies, TimeProvider clock)
{
    public async Task<IndicatorReport> ReportAsync(IndicatorQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AgencyId is { } agency)
        {
            can.Ensure(Capability.ReadAgency, agency);
        }
        else if (!can.HasProvinceWide(Capability.ReadAgency))
        {
            throw new Infrastructure.Errors.ForbiddenException();
        }

        var (from, to) = query.Dates();
        var asOf = VietnamTime.Today(clock);
        var by = query.AgencyId is null && query.By == IndicatorBreakdown.Unit ? IndicatorBreakdown.Agency : query.By;
        var (total, rows) = await DossierIndicators.BreakdownAsync(db, rollup, query.AgencyId, from, to, asOf, by, ct);
        var labels = await LabelsAsync(query.AgencyId, by, ct);
        var months = await DossierIndicators.MonthsAsync(db, rollup, query.AgencyId, from, to, ct);
        var agencyName = query.AgencyId is { } id ? (await agencies.FindAsync(id, ct))?.Name ?? "" : "";
        return new IndicatorReport(query, from, to, agencyName, total,
            rows.Select(r => new IndicatorRow(r.Key, labels.GetValueOrDefault(r.Key, r.Key.Length == 0 ? "—" : r.Key), r.Figures)).OrderBy(r => r.Label, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), true)).ToList(),
            months);
    }

    /// <summary>The report as .xlsx: the whole on the first row, then each row of the breakdown.</summary>
    public static byte[] Workbook(IndicatorReport report, string breakdownLabel)
    {
        ArgumentNullException.ThrowIfNull(report);
        string[] headers =
        [
            breakdownLabel, "Tiếp nhận trong kỳ", "Kỳ trước chuyển sang", "Phải giải quyết", "Trước hạn", "Đúng hạn", "Quá hạn", "Đang giải quyết", "Đang giải quyết, quá hạn",
            "Yêu cầu bổ sung", "Từ chối", "Xin lỗi", "Xin lỗi đúng thời điểm", "Dừng", "Trực tuyến", "Trực tuyến toàn trình", "Ngày làm việc trung vị", "Ngày làm việc p90",
            "Tỷ lệ đúng hạn (%)", "Tỷ lệ hài lòng QĐ 766 (%)",
        ];
        var invariant = CultureInfo.InvariantCulture;
        IReadOnlyList<string> Row(string label, DossierFigures f) =>
        [
            label, .. new[] { f.Received, f.CarriedOver, f.ToHandle, f.FinishedEarly, f.FinishedOnTime, f.FinishedLate, f.InProgress, f.LateInProgress, f.Supplements, f.Refused,
                f.Apologies, f.ApologiesOnTime, f.Stopped, f.Online, f.OnlineFull }.Select(n => n.ToString(invariant)),
            f.MedianDays?.ToString(invariant) ?? "", f.P90Days?.ToString(invariant) ?? "", f.OnTimeRate?.ToString(invariant) ?? "", f.SatisfactionRate?.ToString(invariant) ?? "",
        ];
        var title = $"Tổng {report.AgencyName} {report.From:dd/MM/yyyy}–{report.To:dd/MM/yyyy}".Replace("  ", " ", StringComparison.Ordinal);
        return Documents.SpreadsheetWriter.Write("Chi tieu mot cua", headers, [Row(title, report.Total), .. report.Rows.Select(r => Row(r.Label, r.Figures))]);
    }

    private async Task<Dictionary<string, string>> LabelsAsync(Guid? agencyId, IndicatorBreakdown by, CancellationToken ct)
    {
        switch (by)
        {
            case IndicatorBreakdown.Unit when agencyId is { } a:
                return (await agencies.UnitsAsync(a, ct)).ToDictionary(u => u.Id.ToString(), u => u.Name, StringComparer.OrdinalIgnoreCase);
            case IndicatorBreakdown.Agency:
                return (await agencies.ListAsync(ct)).ToDictionary(x => x.Id.ToString(), x => x.Name, StringComparer.OrdinalIgnoreCase);
            case IndicatorBreakdown.Procedure:
                var q = db.Set<Procedure>().AsNoTracking();
                if (agencyId is { } id)
                {
                    q = q.Where(p => p.AgencyId == id);
                }

                return (await q.Select(p => new { p.Code, p.Name }).ToListAsync(ct)).GroupBy(p => p.Code).ToDictionary(g => g.Key, g => g.Key + " — " + g.First().Name);
            default:
                return [];
        }
    }
}
