using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Dossiers;

/// <summary>How the indicators are broken down.</summary>
internal enum IndicatorBreakdown
{
    None,
    Unit,
    Procedure,
    Field,
    Agency,
}

/// <summary>How the dossiers finished in one month ended (the dashboard's trend).</summary>
internal sealed record MonthOutcomes(string Month, int Early, int OnTime, int Late);

/// <summary>What the indicators need of one dossier.</summary>
internal sealed record DossierFact(
    DateTime? AcceptedAt, DateOnly? AppointmentDate, DateOnly? FinishedOn, DossierStatus Status, DateTime? ClosedAt,
    DateTime? SupplementRequestedAt, DateOnly? ApologyIssuedOn, bool? ApologyOnTime, DossierChannel Channel, OnlineLevel OnlineLevel,
    int? RatingOverall, bool ComplainedAbout);

/// <summary>
/// The one-stop figures for a period, computed in memory from one projection of the agency's dossiers (no database
/// in the formulas, so they are tested alone). Dates are Vietnam dates; a period is inclusive.
/// To handle = received + carried over; late rate = (late in progress + late finished) / to handle; on time = 100 − late
/// rate. QĐ 766 dossier satisfaction = (finished − unsatisfied or complained about or late) / finished.
/// </summary>
internal static class DossierIndicators
{
    public static readonly DossierFigures Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null, null);

    public static DossierFigures Compute(IReadOnlyCollection<DossierFact> facts, DateOnly from, DateOnly to, DateOnly asOf, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(calendar);
        var end = asOf < to ? asOf : to;
        int received = 0, carried = 0, early = 0, onTime = 0, late = 0, inProgress = 0, lateInProgress = 0, supplements = 0, refused = 0,
            apologies = 0, apologiesOnTime = 0, stopped = 0, online = 0, onlineFull = 0, finishedBad = 0;
        var days = new List<int>();
        bool In(DateOnly? d) => d is { } x && x >= from && x <= to;
        DateOnly? On(DateTime? utc) => utc is { } u ? VietnamTime.DateOf(u) : null;
        foreach (var f in facts)
        {
            var closedOn = On(f.ClosedAt);
            if (In(On(f.SupplementRequestedAt)))
            {
                supplements++;
            }

            if (f.Status == DossierStatus.Refused && In(closedOn))
            {
                refused++;
            }

            if (In(f.ApologyIssuedOn))
            {
                apologies++;
                apologiesOnTime += f.ApologyOnTime == true ? 1 : 0;
            }

            if (On(f.AcceptedAt) is not { } acceptedOn)
            {
                continue;
            }

            var stoppedOn = f.Status == DossierStatus.Stopped ? closedOn : null;
            if (In(stoppedOn))
            {
                stopped++;
            }

            if (acceptedOn >= from && acceptedOn <= to)
            {
                received++;
                online += f.Channel == DossierChannel.Online ? 1 : 0;
                onlineFull += f.Channel == DossierChannel.Online && f.OnlineLevel == OnlineLevel.Full ? 1 : 0;
            }
            else if (acceptedOn < from && !(f.FinishedOn < from) && !(stoppedOn < from))
            {
                carried++;
            }
            else
            {
                continue;
            }

            if (In(f.FinishedOn) && f.AppointmentDate is { } due)
            {
                var outcome = Dossier.Compare(f.FinishedOn!.Value, due);
                early += outcome == Timeliness.Early ? 1 : 0;
                onTime += outcome == Timeliness.OnTime ? 1 : 0;
                late += outcome == Timeliness.Late ? 1 : 0;
                finishedBad += outcome == Timeliness.Late || f.RatingOverall is <= 2 || f.ComplainedAbout ? 1 : 0;
                days.Add(Math.Max(0, calendar.CountWorkingDays(acceptedOn, f.FinishedOn.Value)));
            }
            else if (f.FinishedOn is null || f.FinishedOn > to)
            {
                if (stoppedOn is { } s && s <= to)
                {
                    continue;
                }

                inProgress++;
                lateInProgress += f.AppointmentDate < end ? 1 : 0;
            }
        }

        var toHandle = received + carried;
        var finished = early + onTime + late;
        days.Sort();
        return new DossierFigures(
            received, carried, toHandle, early, onTime, late, inProgress, lateInProgress, supplements, refused, apologies, apologiesOnTime, stopped,
            online, onlineFull, Percentile(days, 0.5m), Percentile(days, 0.9m),
            toHandle == 0 ? null : Math.Round(100m - 100m * (lateInProgress + late) / toHandle, 2),
            finished == 0 ? null : Math.Round(100m * (finished - finishedBad) / finished, 2));
    }

    /// <summary>Nearest-rank percentile of sorted values (null when there are none).</summary>
    internal static decimal? Percentile(List<int> sorted, decimal p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    /// <summary>
    /// The same figures computed by the database: one grouped pass of conditional counts over the dossiers that can touch
    /// the period, and one histogram of processing days for the median and p90 (nearest rank). Grouped by
    /// <paramref name="by"/> (the whole set, unit, procedure, field or agency); <paramref name="agencyId"/> null: every agency.
    /// <see cref="Compute"/> is the reference the tests hold it to.
    /// </summary>
    public static async Task<IReadOnlyList<(string Key, DossierFigures Figures)>> QueryAsync(
        SiparDbContext db, DossierRollup? rollup, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct) =>
        (await GroupsAsync(db, rollup, agencyId, from, to, asOf, by, ct)).Select(g => (g.Key, Figures(g.Counts, g.Days))).ToList();

    /// <summary>Whole months: the periods the monthly store answers (any other period is counted from the dossiers).</summary>
    public static bool WholeMonths(DateOnly from, DateOnly to) => from.Day == 1 && to.AddDays(1).Day == 1 && to >= from;

    /// <summary>
    /// A breakdown and its whole from the same two queries: the groups partition the dossiers, so counts add up and the
    /// day histograms merge into the whole's median and p90.
    /// </summary>
    public static async Task<(DossierFigures Total, IReadOnlyList<(string Key, DossierFigures Figures)> Rows)> BreakdownAsync(
        SiparDbContext db, DossierRollup? rollup, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct)
    {
        var groups = await GroupsAsync(db, rollup, agencyId, from, to, asOf, by, ct);
        if (groups.Count == 0)
        {
            return (Empty, []);
        }

        var days = groups.SelectMany(g => g.Days).GroupBy(d => d.Days).OrderBy(d => d.Key).Select(d => (Days: d.Key, N: d.Sum(x => x.N))).ToList();
        var all = groups.Select(g => g.Counts).ToList();
        var total = new Counts
        {
            Received = all.Sum(c => c.Received), Carried = all.Sum(c => c.Carried), Early = all.Sum(c => c.Early), OnTime = all.Sum(c => c.OnTime), Late = all.Sum(c => c.Late),
            FinishedBad = all.Sum(c => c.FinishedBad), InProgress = all.Sum(c => c.InProgress), LateInProgress = all.Sum(c => c.LateInProgress),
            Supplements = all.Sum(c => c.Supplements), Refused = all.Sum(c => c.Refused), Apologies = all.Sum(c => c.Apologies), ApologiesOnTime = all.Sum(c => c.ApologiesOnTime),
            Stopped = all.Sum(c => c.Stopped), Online = all.Sum(c => c.Online), OnlineFull = all.Sum(c => c.OnlineFull),
        };
        return (Figures(total, days), groups.Select(g => (g.Key, Figures(g.Counts, g.Days))).ToList());
    }

    private static DossierFigures Figures(Counts c, List<(int Days, int N)> days)
    {
        var toHandle = c.Received + c.Carried;
        var finished = c.Early + c.OnTime + c.Late;
        return new DossierFigures(
            c.Received, c.Carried, toHandle, c.Early, c.OnTime, c.Late, c.InProgress, c.LateInProgress, c.Supplements, c.Refused, c.Apologies, c.ApologiesOnTime,
            c.Stopped, c.Online, c.OnlineFull, Percentile(days, 0.5m), Percentile(days, 0.9m),
            toHandle == 0 ? null : Math.Round(100m - 100m * (c.LateInProgress + c.Late) / toHandle, 2),
            finished == 0 ? null : Math.Round(100m * (finished - c.FinishedBad) / finished, 2));
    }

    /// <summary>
    /// The grouped counts and each group's histogram of processing days, sorted by key: from the monthly store for whole
    /// months when it can be read, else from the dossiers.
    /// </summary>
    private static async Task<List<(string Key, Counts Counts, List<(int Days, int N)> Days)>> GroupsAsync(
        SiparDbContext db, DossierRollup? rollup, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (rollup is not null && WholeMonths(from, to) && await rollup.RefreshAsync(agencyId, ct))
        {
            return await StoreGroupsAsync(db, agencyId, from, to, asOf, by, ct);
        }

        var start = VietnamTime.StartOfDayUtc(from);
        var endX = VietnamTime.StartOfDayUtc(to.AddDays(1));
        var end = asOf < to ? asOf : to;
        const DossierStatus stoppedStatus = DossierStatus.Stopped;
        const DossierStatus refusedStatus = DossierStatus.Refused;
        const DossierChannel online = DossierChannel.Online;
        const OnlineLevel full = OnlineLevel.Full;
        var q = db.Set<Dossier>().AsNoTracking().Where(d => d.ReceivedAt < endX && (d.ClosedAt == null || d.ClosedAt >= start || d.FinishedOn >= from));
        if (agencyId is { } a)
        {
            q = q.Where(d => d.AgencyId == a);
        }

        var key = Key(by);
        var counts = await q.GroupBy(key).Select(g => new Counts
        {
            Key = g.Key,
            Received = g.Sum(d => d.AcceptedAt >= start && d.AcceptedAt < endX ? 1 : 0),
            Carried = g.Sum(d => d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start) ? 1 : 0),
            Early = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && d.FinishedOn >= from && d.FinishedOn <= to && d.AppointmentDate != null && d.FinishedOn < d.AppointmentDate ? 1 : 0),
            OnTime = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && d.FinishedOn >= from && d.FinishedOn <= to && d.AppointmentDate != null && d.FinishedOn == d.AppointmentDate ? 1 : 0),
            Late = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && d.FinishedOn >= from && d.FinishedOn <= to && d.AppointmentDate != null && d.FinishedOn > d.AppointmentDate ? 1 : 0),
            FinishedBad = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && d.FinishedOn >= from && d.FinishedOn <= to && d.AppointmentDate != null && (d.FinishedOn > d.AppointmentDate || d.RatingOverall <= 2 || d.ComplainedAbout) ? 1 : 0),
            InProgress = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && (d.FinishedOn == null || d.FinishedOn > to) && !(d.Status == stoppedStatus && d.ClosedAt < endX) ? 1 : 0),
            LateInProgress = g.Sum(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
                && (d.FinishedOn == null || d.FinishedOn > to) && !(d.Status == stoppedStatus && d.ClosedAt < endX) && d.AppointmentDate < end ? 1 : 0),
            Supplements = g.Sum(d => d.SupplementRequestedAt >= start && d.SupplementRequestedAt < endX ? 1 : 0),
            Refused = g.Sum(d => d.Status == refusedStatus && d.ClosedAt >= start && d.ClosedAt < endX ? 1 : 0),
            Apologies = g.Sum(d => d.ApologyIssuedOn >= from && d.ApologyIssuedOn <= to ? 1 : 0),
            ApologiesOnTime = g.Sum(d => d.ApologyIssuedOn >= from && d.ApologyIssuedOn <= to && d.ApologyOnTime == true ? 1 : 0),
            Stopped = g.Sum(d => d.AcceptedAt != null && d.Status == stoppedStatus && d.ClosedAt >= start && d.ClosedAt < endX ? 1 : 0),
            Online = g.Sum(d => d.AcceptedAt >= start && d.AcceptedAt < endX && d.Channel == online ? 1 : 0),
            OnlineFull = g.Sum(d => d.AcceptedAt >= start && d.AcceptedAt < endX && d.Channel == online && d.OnlineLevel == full ? 1 : 0),
        }).ToListAsync(ct);

        var finishedInPeriod = q.Where(d => ((d.AcceptedAt >= start && d.AcceptedAt < endX) || (d.AcceptedAt < start && (d.FinishedOn == null || d.FinishedOn >= from) && !(d.Status == stoppedStatus && d.ClosedAt < start)))
            && d.FinishedOn >= from && d.FinishedOn <= to && d.AppointmentDate != null && d.ProcessingDays != null);
        var histogram = await finishedInPeriod.Select(WithValue<Dossier, int?>(key, nameof(Dossier.ProcessingDays))).GroupBy(x => new { x.Key, Days = x.Value })
            .Select(g => new { g.Key.Key, g.Key.Days, N = g.Count() }).ToListAsync(ct);
        var byKey = histogram.GroupBy(h => h.Key ?? "").ToDictionary(g => g.Key, g => g.OrderBy(h => h.Days).Select(h => (Days: h.Days ?? 0, h.N)).ToList());
        return counts.Where(c => !c.IsEmpty).Select(c => (c.Key ?? "", c, byKey.GetValueOrDefault(c.Key ?? "") ?? [])).OrderBy(g => g.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Dossiers finished in each month of the period, early / on time / late, in one grouped query (every month listed).</summary>
    public static async Task<IReadOnlyList<MonthOutcomes>> MonthsAsync(SiparDbContext db, DossierRollup? rollup, Guid? agencyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (rollup is not null && WholeMonths(from, to) && await rollup.RefreshAsync(agencyId, ct))
        {
            var (s, e) = (DossierRollup.Month(from), DossierRollup.Month(to));
            var lines = db.Set<RollupRow>().AsNoTracking().Where(r => r.Kind == RollupKind.Finished && r.M1 >= s && r.M1 <= e);
            if (agencyId is { } id)
            {
                lines = lines.Where(r => r.AgencyId == id);
            }

            var found = await lines.GroupBy(r => r.M1).Select(g => new { Month = g.Key, Early = g.Sum(r => r.N1), OnTime = g.Sum(r => r.N2), Late = g.Sum(r => r.N3) }).ToListAsync(ct);
            return MonthList(from, to, m => found.FirstOrDefault(x => x.Month == DossierRollup.Month(m)) is { } r ? (r.Early, r.OnTime, r.Late) : (0, 0, 0));
        }

        var q = db.Set<Dossier>().AsNoTracking().Where(d => d.AcceptedAt != null && d.AppointmentDate != null && d.FinishedOn >= from && d.FinishedOn <= to);
        if (agencyId is { } a)
        {
            q = q.Where(d => d.AgencyId == a);
        }

        var rows = await q.GroupBy(d => new { d.FinishedOn!.Value.Year, d.FinishedOn!.Value.Month }).Select(g => new
        {
            g.Key.Year,
            g.Key.Month,
            Early = g.Sum(d => d.FinishedOn < d.AppointmentDate ? 1 : 0),
            OnTime = g.Sum(d => d.FinishedOn == d.AppointmentDate ? 1 : 0),
            Late = g.Sum(d => d.FinishedOn > d.AppointmentDate ? 1 : 0),
        }).ToListAsync(ct);
        return MonthList(from, to, m => rows.FirstOrDefault(x => x.Year == m.Year && x.Month == m.Month) is { } r ? (r.Early, r.OnTime, r.Late) : (0, 0, 0));
    }

    private static List<MonthOutcomes> MonthList(DateOnly from, DateOnly to, Func<DateOnly, (int Early, int OnTime, int Late)> of)
    {
        var months = new List<MonthOutcomes>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to && months.Count < 13; m = m.AddMonths(1))
        {
            var (early, onTime, late) = of(m);
            months.Add(new MonthOutcomes(m.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), early, onTime, late));
        }

        return months;
    }

    /// <summary>
    /// The grouped counts from the monthly store (ADR 0022): every condition of <see cref="Compute"/> on a whole-month
    /// period is a condition on the months of a line. The one that is not, "due before today" in the current month, is
    /// counted from the unfinished dossiers due in that month (a partial index holds them).
    /// </summary>
    private static async Task<List<(string Key, Counts Counts, List<(int Days, int N)> Days)>> StoreGroupsAsync(
        SiparDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct)
    {
        var (s, e) = (DossierRollup.Month(from), DossierRollup.Month(to));
        var end = asOf < to ? asOf : to;
        var em = DossierRollup.Month(end);
        // Due before the last day of a month: due in an earlier month, or in that month but not on its last day.
        var monthEnd = end.AddDays(1).Day == 1;
        const RollupKind received = RollupKind.Received, stock = RollupKind.Stock, finished = RollupKind.Finished, supplement = RollupKind.Supplement,
            refused = RollupKind.Refused, apology = RollupKind.Apology, stopped = RollupKind.Stopped;
        var q = db.Set<RollupRow>().AsNoTracking().Where(r => r.Bucket <= e && r.Stay >= s);
        if (agencyId is { } a)
        {
            q = q.Where(r => r.AgencyId == a);
        }

        var key = StoreKey(by);
        var counts = await q.GroupBy(key).Select(g => new Counts
        {
            Key = g.Key,
            Received = g.Sum(r => r.Kind == received && r.M1 >= s && r.M1 <= e ? r.N1 : 0),
            Online = g.Sum(r => r.Kind == received && r.M1 >= s && r.M1 <= e ? r.N2 : 0),
            OnlineFull = g.Sum(r => r.Kind == received && r.M1 >= s && r.M1 <= e ? r.N3 : 0),
            Carried = g.Sum(r => r.Kind == stock && r.M1 < s && r.M2 >= s ? r.N1 : 0),
            InProgress = g.Sum(r => r.Kind == stock && r.M1 <= e && r.M2 > e ? r.N1 : 0),
            LateInProgress = g.Sum(r => r.Kind == stock && r.M1 <= e && r.M2 > e && (r.M3 < em || (monthEnd && r.M3 == em && !r.Flag)) ? r.N1 : 0),
            Early = g.Sum(r => r.Kind == finished && r.M1 >= s && r.M1 <= e && ((r.M2 >= s && r.M2 <= e) || (r.M2 < s && r.M3 >= s)) ? r.N1 : 0),
            OnTime = g.Sum(r => r.Kind == finished && r.M1 >= s && r.M1 <= e && ((r.M2 >= s && r.M2 <= e) || (r.M2 < s && r.M3 >= s)) ? r.N2 : 0),
            Late = g.Sum(r => r.Kind == finished && r.M1 >= s && r.M1 <= e && ((r.M2 >= s && r.M2 <= e) || (r.M2 < s && r.M3 >= s)) ? r.N3 : 0),
            FinishedBad = g.Sum(r => r.Kind == finished && r.M1 >= s && r.M1 <= e && ((r.M2 >= s && r.M2 <= e) || (r.M2 < s && r.M3 >= s)) ? r.N4 : 0),
            Supplements = g.Sum(r => r.Kind == supplement && r.M1 >= s && r.M1 <= e ? r.N1 : 0),
            Refused = g.Sum(r => r.Kind == refused && r.M1 >= s && r.M1 <= e ? r.N1 : 0),
            Apologies = g.Sum(r => r.Kind == apology && r.M1 >= s && r.M1 <= e ? r.N1 : 0),
            ApologiesOnTime = g.Sum(r => r.Kind == apology && r.M1 >= s && r.M1 <= e ? r.N2 : 0),
            Stopped = g.Sum(r => r.Kind == stopped && r.M1 >= s && r.M1 <= e ? r.N1 : 0),
        }).ToListAsync(ct);

        // The day histograms of the lines finished in the period, added up per group here (a few thousand short texts).
        var histograms = await q.Where(r => r.Kind == finished && r.Histogram != null && r.M1 >= s && r.M1 <= e && ((r.M2 >= s && r.M2 <= e) || (r.M2 < s && r.M3 >= s)))
            .Select(WithValue<RollupRow, string>(key, nameof(RollupRow.Histogram))).ToListAsync(ct);
        var byKey = new Dictionary<string, List<(int Days, int N)>>(StringComparer.Ordinal);
        foreach (var group in histograms.GroupBy(h => h.Key ?? "", StringComparer.Ordinal))
        {
            var days = new Dictionary<int, int>();
            foreach (var line in group)
            {
                DossierRollup.AddHistogram(line.Value, days);
            }

            byKey[group.Key] = days.OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList();
        }

        var late = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!monthEnd)
        {
            // In progress at the period's end and due from the first of the current month to before today. A dossier in
            // progress at the end of a current period is one not finished today: not finished, not stopped by then.
            var first = new DateOnly(end.Year, end.Month, 1);
            var start = VietnamTime.StartOfDayUtc(from);
            var endX = VietnamTime.StartOfDayUtc(to.AddDays(1));
            const DossierStatus stoppedStatus = DossierStatus.Stopped;
            var open = db.Set<Dossier>().AsNoTracking().Where(d => d.FinishedOn == null && d.AppointmentDate >= first && d.AppointmentDate < end
                && d.AcceptedAt != null && d.AcceptedAt < endX && d.ReceivedAt < endX && (d.ClosedAt == null || d.ClosedAt >= start) && !(d.Status == stoppedStatus && d.ClosedAt < endX));
            if (agencyId is { } id)
            {
                open = open.Where(d => d.AgencyId == id);
            }

            foreach (var row in await open.GroupBy(Key(by)).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            {
                late[row.Key ?? ""] = row.N;
            }
        }

        return counts.Select(c => (c.Key ?? "", late.GetValueOrDefault(c.Key ?? "") is var extra && extra > 0 ? c with { LateInProgress = c.LateInProgress + extra } : c, byKey.GetValueOrDefault(c.Key ?? "") ?? []))
            .Where(g => !g.Item2.IsEmpty).OrderBy(g => g.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Nearest-rank percentile of a histogram (days, count) sorted by days.</summary>
    internal static decimal? Percentile(List<(int Days, int N)> histogram, decimal p)
    {
        var total = histogram.Sum(h => h.N);
        if (total == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(p * total));
        var seen = 0;
        foreach (var (days, n) in histogram)
        {
            seen += n;
            if (seen >= rank)
            {
                return days;
            }
        }

        return histogram[^1].Days;
    }

    private static Expression<Func<Dossier, string?>> Key(IndicatorBreakdown by) => by switch
    {
        IndicatorBreakdown.Unit => d => d.UnitId == null ? "" : d.UnitId.Value.ToString(),
        IndicatorBreakdown.Procedure => d => d.ProcedureCode,
        IndicatorBreakdown.Field => d => d.Field,
        IndicatorBreakdown.Agency => d => d.AgencyId.ToString(),
        _ => d => "",
    };

    private static Expression<Func<RollupRow, string?>> StoreKey(IndicatorBreakdown by) => by switch
    {
        IndicatorBreakdown.Unit => r => r.UnitId == null ? "" : r.UnitId.Value.ToString(),
        IndicatorBreakdown.Procedure => r => r.ProcedureCode,
        IndicatorBreakdown.Field => r => r.Field,
        IndicatorBreakdown.Agency => r => r.AgencyId.ToString(),
        _ => r => "",
    };

    /// <summary>(key, one more column) from the key's expression: the histograms' grouping and reading.</summary>
    private static Expression<Func<TRow, KeyValue<TValue>>> WithValue<TRow, TValue>(Expression<Func<TRow, string?>> key, string property)
    {
        var row = key.Parameters[0];
        var body = Expression.MemberInit(Expression.New(typeof(KeyValue<TValue>)),
            Expression.Bind(typeof(KeyValue<TValue>).GetProperty(nameof(KeyValue<TValue>.Key))!, key.Body),
            Expression.Bind(typeof(KeyValue<TValue>).GetProperty(nameof(KeyValue<TValue>.Value))!, Expression.Property(row, property)));
        return Expression.Lambda<Func<TRow, KeyValue<TValue>>>(body, row);
    }

    private sealed class KeyValue<TValue>
    {
        public string? Key { get; init; }

        public TValue? Value { get; init; }
    }

    private sealed record Counts
    {
        public string? Key { get; init; }

        public int Received { get; init; }

        public int Carried { get; init; }

        public int Early { get; init; }

        public int OnTime { get; init; }

        public int Late { get; init; }

        public int FinishedBad { get; init; }

        public int InProgress { get; init; }

        public int LateInProgress { get; init; }

        public int Supplements { get; init; }

        public int Refused { get; init; }

        public int Apologies { get; init; }

        public int ApologiesOnTime { get; init; }

        public int Stopped { get; init; }

        public int Online { get; init; }

        public int OnlineFull { get; init; }

        /// <summary>A group with nothing to count in the period (its dossiers only pass through it): not shown.</summary>
        public bool IsEmpty => Received + Carried + Early + OnTime + Late + InProgress + LateInProgress + Supplements + Refused + Apologies + Stopped == 0;
    }

    /// <summary>The projection the figures need, for dossiers that can touch the period.</summary>
    public static IQueryable<DossierFact> Facts(SiparDbContext db, Guid agencyId, DateOnly from, DateOnly to)
    {
        var start = VietnamTime.StartOfDayUtc(from);
        var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
        return db.Set<Dossier>().AsNoTracking()
            .Where(d => d.AgencyId == agencyId && d.ReceivedAt < end && (d.ClosedAt == null || d.ClosedAt >= start || d.FinishedOn >= from))
            .Select(d => new DossierFact(d.AcceptedAt, d.AppointmentDate, d.FinishedOn, d.Status, d.ClosedAt, d.SupplementRequestedAt, d.ApologyIssuedOn,
                d.ApologyOnTime, d.Channel, d.OnlineLevel, d.RatingOverall, d.ComplainedAbout));
    }
}
