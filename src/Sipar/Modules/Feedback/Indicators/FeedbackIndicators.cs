using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.Modules.Feedback;

/// <summary>How the feedback indicators are broken down.</summary>
internal enum FeedbackBreakdown
{
    None,
    Category,
    Unit,
    Channel,
    Month,
}

/// <summary>
/// The feedback figures of a period (items received in it; merged duplicates left out), as of a day.
/// QĐ 766: on-time rate = answered on or before the deadline / in scope; satisfaction = (in scope − unsatisfied or
/// late) / in scope, where late is answered late or still open past the deadline.
/// </summary>
internal sealed record FeedbackFigures(
    int Received, int InScope, int OutOfScope, int OnTime, int Late, int Pending, int PendingLate, int Rated, int Unsatisfied, int UnsatisfiedOrLate,
    decimal? MedianDays, decimal? P90Days)
{
    public decimal? OnTimeRate => InScope == 0 ? null : Math.Round(100m * OnTime / InScope, 2);

    public decimal? SatisfactionRate => InScope == 0 ? null : Math.Round(100m * (InScope - UnsatisfiedOrLate) / InScope, 2);

    public static readonly FeedbackFigures Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
}

internal sealed record FeedbackIndicatorRow(string Key, string Label, FeedbackFigures Figures);

internal sealed record FeedbackReport(Guid AgencyId, string AgencyName, DateOnly From, DateOnly To, FeedbackBreakdown By, FeedbackFigures Total, IReadOnlyList<FeedbackIndicatorRow> Rows, IReadOnlyList<FeedbackIndicatorRow> Months);

/// <summary>
/// The indicators as grouped counts in the database (one GROUP BY for the counts, one for the histogram of working
/// days from which the median and p90 come), so a million items cost one scan, not a million rows in memory.
/// </summary>
internal sealed class FeedbackIndicators(SiparDbContext db, IAgencies agencies, Capabilities can, TimeProvider clock)
{
    public Task<FeedbackReport> ReportAsync(Guid agencyId, DateOnly from, DateOnly to, FeedbackBreakdown by, CancellationToken ct)
    {
        can.Ensure(Capability.ReadAgency, agencyId);
        return BuildAsync(agencyId, from, to, by, ct);
    }

    /// <summary>The report without a capability check (the CLI's operator; pages and API go through <see cref="ReportAsync"/>).</summary>
    public async Task<FeedbackReport> BuildAsync(Guid agencyId, DateOnly from, DateOnly to, FeedbackBreakdown by, CancellationToken ct)
    {
        if (to < from)
        {
            throw new Infrastructure.Errors.DomainValidationException("To", "Feedback.PeriodOrder");
        }

        var agency = await agencies.FindAsync(agencyId, ct) ?? throw new Infrastructure.Errors.NotFoundException();
        var asOf = VietnamTime.Today(clock);
        var total = await QueryAsync(db, agencyId, from, to, asOf, FeedbackBreakdown.None, ct);
        var rows = by == FeedbackBreakdown.None ? [] : await QueryAsync(db, agencyId, from, to, asOf, by, ct);
        var months = await QueryAsync(db, agencyId, from, to, asOf, FeedbackBreakdown.Month, ct);
        var labels = await LabelsAsync(agencyId, by, ct);
        return new FeedbackReport(agencyId, agency.Name, from, to, by, total.Count > 0 ? total[0].Figures : FeedbackFigures.Empty,
            rows.Select(r => r with { Label = labels(r.Key) }).OrderBy(r => r.Label, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), false)).ToList(),
            months.Select(m => m with { Label = m.Key }).OrderBy(m => m.Key, StringComparer.Ordinal).ToList());
    }

    /// <summary>The figures per key (the key as text: a category or unit id, a channel, <c>yyyy-MM</c>).</summary>
    public static async Task<IReadOnlyList<FeedbackIndicatorRow>> QueryAsync(SiparDbContext db, Guid agencyId, DateOnly from, DateOnly to, DateOnly asOf, FeedbackBreakdown by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = asOf < to ? asOf : to;
        var items = db.Set<FeedbackItem>().AsNoTracking()
            .Where(f => f.AgencyId == agencyId && f.ReceivedOn >= from && f.ReceivedOn <= to && f.Status != FeedbackStatus.Merged);
        return by switch
        {
            FeedbackBreakdown.Category => await GroupAsync(items, f => f.CategoryId, k => k.ToString(), end, ct),
            FeedbackBreakdown.Unit => await GroupAsync(items, f => f.UnitId, k => k?.ToString() ?? "", end, ct),
            FeedbackBreakdown.Channel => await GroupAsync(items, f => f.Channel, k => k.ToString(), end, ct),
            FeedbackBreakdown.Month => await GroupAsync(items, f => f.ReceivedOn.Year * 100 + f.ReceivedOn.Month, k => (k / 100).ToString("0000", CultureInfo.InvariantCulture) + "-" + (k % 100).ToString("00", CultureInfo.InvariantCulture), end, ct),
            _ => await GroupAsync(items, f => 1, _ => "", end, ct),
        };
    }

    private static async Task<IReadOnlyList<FeedbackIndicatorRow>> GroupAsync<TKey>(
        IQueryable<FeedbackItem> items, Expression<Func<FeedbackItem, TKey>> key, Func<TKey, string> text, DateOnly end, CancellationToken ct)
    {
        var counts = await items.GroupBy(key).Select(g => new
        {
            g.Key,
            Received = g.Count(),
            InScope = g.Count(f => f.InScope == true),
            OutOfScope = g.Count(f => f.InScope == false),
            OnTime = g.Count(f => f.InScope == true && f.OnTime == true),
            Late = g.Count(f => f.InScope == true && f.OnTime == false),
            Pending = g.Count(f => f.InScope == true && f.SentOn == null),
            PendingLate = g.Count(f => f.InScope == true && f.SentOn == null && f.AnswerDue < end),
            Rated = g.Count(f => f.InScope == true && f.Satisfied != null),
            Unsatisfied = g.Count(f => f.InScope == true && f.Satisfied == false),
            Bad = g.Count(f => f.InScope == true && (f.Satisfied == false || f.OnTime == false || (f.SentOn == null && f.AnswerDue < end))),
        }).ToListAsync(ct);
        var days = await HistogramAsync(items, key, ct);
        return counts.Select(c =>
        {
            var h = days.GetValueOrDefault(text(c.Key)) ?? [];
            return new FeedbackIndicatorRow(text(c.Key), "", new FeedbackFigures(
                c.Received, c.InScope, c.OutOfScope, c.OnTime, c.Late, c.Pending, c.PendingLate, c.Rated, c.Unsatisfied, c.Bad, Percentile(h, 0.5), Percentile(h, 0.9)));
        }).ToList();

        async Task<Dictionary<string, List<(int Days, int Count)>>> HistogramAsync(IQueryable<FeedbackItem> q, Expression<Func<FeedbackItem, TKey>> k, CancellationToken token)
        {
            // GROUP BY key, days over the answered items: at most (keys × distinct day counts) rows.
            var param = k.Parameters[0];
            var body = Expression.MemberInit(
                Expression.New(typeof(KeyDays<TKey>)),
                Expression.Bind(typeof(KeyDays<TKey>).GetProperty(nameof(KeyDays<TKey>.Key))!, k.Body),
                Expression.Bind(typeof(KeyDays<TKey>).GetProperty(nameof(KeyDays<TKey>.Days))!, Expression.Property(param, nameof(FeedbackItem.HandlingDays))));
            var selector = Expression.Lambda<Func<FeedbackItem, KeyDays<TKey>>>(body, param);
            var rows = await q.Where(f => f.InScope == true && f.HandlingDays != null).Select(selector)
                .GroupBy(x => new { x.Key, x.Days }).Select(g => new { g.Key.Key, g.Key.Days, Count = g.Count() }).ToListAsync(token);
            return rows.GroupBy(r => text(r.Key)).ToDictionary(g => g.Key, g => g.Select(r => (r.Days ?? 0, r.Count)).OrderBy(r => r.Item1).ToList());
        }
    }

    /// <summary>The nearest-rank percentile of a histogram (days, count), as the dossiers' indicators count it.</summary>
    public static decimal? Percentile(IReadOnlyList<(int Days, int Count)> histogram, double p)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var n = histogram.Sum(h => h.Count);
        if (n == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(p * n));
        var seen = 0;
        foreach (var (days, count) in histogram)
        {
            seen += count;
            if (seen >= rank)
            {
                return days;
            }
        }

        return histogram[^1].Days;
    }

    private async Task<Func<string, string>> LabelsAsync(Guid agencyId, FeedbackBreakdown by, CancellationToken ct)
    {
        switch (by)
        {
            case FeedbackBreakdown.Category:
                var categories = await db.Set<FeedbackCategory>().AsNoTracking().ToDictionaryAsync(c => c.Id.ToString(), c => c.Name, ct);
                return k => categories.GetValueOrDefault(k, k);
            case FeedbackBreakdown.Unit:
                var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => u.Id.ToString(), u => u.Name);
                return k => k.Length == 0 ? "(chưa giao)" : units.GetValueOrDefault(k, k);
            case FeedbackBreakdown.Channel:
                return k => Enum.TryParse<FeedbackChannel>(k, out var c) ? FeedbackDesk.ChannelName(c) : k;
            default:
                return k => k;
        }
    }

    /// <summary>The report as .xlsx: one row per key, then the total.</summary>
    public static byte[] Workbook(FeedbackReport report, string keyHeader)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string Rate(decimal? v) => v?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";
        static IReadOnlyList<string> Line(string label, FeedbackFigures f) =>
        [
            label, Num(f.Received), Num(f.InScope), Num(f.OnTime), Num(f.Late), Num(f.Pending), Num(f.PendingLate), Num(f.Unsatisfied),
            f.MedianDays?.ToString(CultureInfo.InvariantCulture) ?? "", f.P90Days?.ToString(CultureInfo.InvariantCulture) ?? "", Rate(f.OnTimeRate), Rate(f.SatisfactionRate),
        ];
        return Documents.SpreadsheetWriter.Write("Chi so phan anh",
            [keyHeader, "Tiếp nhận", "Thuộc thẩm quyền", "Đúng hạn", "Quá hạn", "Đang xử lý", "Đang xử lý quá hạn", "Không hài lòng", "Trung vị ngày", "P90 ngày", "Tỷ lệ đúng hạn (%)", "Mức độ hài lòng (%)"],
            report.Rows.Select(r => Line(r.Label, r.Figures)).Append(Line("Tổng", report.Total)));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A key and an item's working days, for the histogram's GROUP BY.</summary>
internal sealed class KeyDays<TKey>
{
    public TKey Key { get; set; } = default!;

    public int? Days { get; set; }
}

/// <summary>PAR INDEX computed criterion: feedback in scope answered by its deadline (QĐ 766's on-time formula), by item.</summary>
internal sealed class FeedbackOnTimeSource(SiparDbContext db) : IParDataSource
{
    public string Code => ParDataSources.FeedbackOnTime;

    public string Counts => "phản ánh, kiến nghị xử lý đúng hạn";

    public async Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct) =>
        (await FeedbackParRows.LoadAsync(db, agencyId, year, ct)).Select(r => new DataSourceRow(r.Label, r.Detail,
            r.OnTime ?? (r.Due is { } d && d < asOf ? false : null))).ToList();
}

/// <summary>PAR INDEX computed criterion: QĐ 766's feedback satisfaction, each in-scope item counting when neither unsatisfied nor late.</summary>
internal sealed class FeedbackSatisfactionSource(SiparDbContext db) : IParDataSource
{
    public string Code => ParDataSources.FeedbackSatisfaction;

    public string Counts => "phản ánh, kiến nghị được trả lời đúng hạn và người gửi không phản hồi chưa hài lòng";

    public async Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct) =>
        (await FeedbackParRows.LoadAsync(db, agencyId, year, ct)).Select(r => new DataSourceRow(r.Label, r.Detail,
            r.Satisfied == false || r.OnTime == false || (r.OnTime is null && r.Due is { } d && d < asOf) ? false : true)).ToList();
}

internal static class FeedbackParRows
{
    internal sealed record Row(string Label, string Detail, bool? OnTime, bool? Satisfied, DateOnly? Due);

    public static async Task<IReadOnlyList<Row>> LoadAsync(SiparDbContext db, Guid agencyId, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var rows = await db.Set<FeedbackItem>().AsNoTracking()
            .Where(f => f.AgencyId == agencyId && f.InScope == true && f.Status != FeedbackStatus.Merged && f.ReceivedOn >= from && f.ReceivedOn <= to)
            .OrderBy(f => f.ReceivedOn)
            .Select(f => new { f.Code, f.AnswerDue, f.SentOn, f.OnTime, f.Satisfied })
            .ToListAsync(ct);
        return rows.Select(r => new Row(r.Code, "hạn " + Show.Date(r.AnswerDue) + (r.SentOn is { } s ? ", trả lời " + Show.Date(s) : ", chưa trả lời")
            + (r.Satisfied == false ? ", chưa hài lòng" : ""), r.OnTime, r.Satisfied, r.AnswerDue)).ToList();
    }
}
