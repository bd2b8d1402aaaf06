using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Dossiers;

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
