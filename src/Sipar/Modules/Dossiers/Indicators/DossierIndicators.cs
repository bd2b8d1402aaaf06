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
        SiparDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct) =>
        (await GroupsAsync(db, agencyId, from, to, asOf, by, ct)).Select(g => (g.Key, Figures(g.Counts, g.Days))).ToList();

    /// <summary>
    /// A breakdown and its whole from the same two queries: the groups partition the dossiers, so counts add up and the
    /// day histograms merge into the whole's median and p90.
    /// </summary>
    public static async Task<(DossierFigures Total, IReadOnlyList<(string Key, DossierFigures Figures)> Rows)> BreakdownAsync(
        SiparDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct)
    {
        var groups = await GroupsAsync(db, agencyId, from, to, asOf, by, ct);
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

    /// <summary>The grouped counts and each group's histogram of processing days, sorted by key.</summary>
    private static async Task<List<(string Key, Counts Counts, List<(int Days, int N)> Days)>> GroupsAsync(
        SiparDbContext db, Guid? agencyId, DateOnly from, DateOnly to, DateOnly asOf, IndicatorBreakdown by, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
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
        var histogram = await finishedInPeriod.Select(WithDays(key)).GroupBy(x => new { x.Key, x.Days }).Select(g => new { g.Key.Key, g.Key.Days, N = g.Count() }).ToListAsync(ct);
        var byKey = histogram.GroupBy(h => h.Key ?? "").ToDictionary(g => g.Key, g => g.OrderBy(h => h.Days).Select(h => (Days: h.Days ?? 0, h.N)).ToList());
        return counts.Select(c => (c.Key ?? "", c, byKey.GetValueOrDefault(c.Key ?? "") ?? [])).OrderBy(g => g.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Dossiers finished in each month of the period, early / on time / late, in one grouped query (every month listed).</summary>
    public static async Task<IReadOnlyList<MonthOutcomes>> MonthsAsync(SiparDbContext db, Guid? agencyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
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
        var months = new List<MonthOutcomes>();
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to && months.Count < 13; m = m.AddMonths(1))
        {
            var r = rows.FirstOrDefault(x => x.Year == m.Year && x.Month == m.Month);
            months.Add(new MonthOutcomes(m.ToString("MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), r?.Early ?? 0, r?.OnTime ?? 0, r?.Late ?? 0));
        }

        return months;
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

    /// <summary>(key, processing days) from the key's expression, for the histogram's grouping.</summary>
    private static Expression<Func<Dossier, KeyDays>> WithDays(Expression<Func<Dossier, string?>> key)
    {
        var d = key.Parameters[0];
        var body = Expression.MemberInit(Expression.New(typeof(KeyDays)),
            Expression.Bind(typeof(KeyDays).GetProperty(nameof(KeyDays.Key))!, key.Body),
            Expression.Bind(typeof(KeyDays).GetProperty(nameof(KeyDays.Days))!, Expression.Property(d, nameof(Dossier.ProcessingDays))));
        return Expression.Lambda<Func<Dossier, KeyDays>>(body, d);
    }

    private sealed class KeyDays
    {
        public string? Key { get; init; }

        public int? Days { get; init; }
    }

    private sealed class Counts
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
