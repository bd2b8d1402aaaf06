using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.ParIndex;

namespace Sipar.Modules.Dossiers;

/// <summary>The Dossiers contract for other modules (SIPAS frame, feedback, dashboards).</summary>
internal sealed class DossierRecords(SiparDbContext db, DossierRollup rollup, TimeProvider clock, Calendar.ICalendars calendars, DossierOptions options) : IDossierRecords
{
    public async Task<DossierWatch> WatchAsync(Guid agencyId, CancellationToken ct)
    {
        var today = VietnamTime.Today(clock);
        // The whole month as of today (nothing is dated after today), so the monthly store answers it.
        var first = new DateOnly(today.Year, today.Month, 1);
        var month = await FiguresAsync(agencyId, first, first.AddMonths(1).AddDays(-1), ct);
        var soon = (await calendars.GetAsync(ct)).AddWorkingDays(today, Math.Max(0, options.ApologyWarningDays));
        var open = db.Set<Dossier>().AsNoTracking().Where(d => d.AgencyId == agencyId && d.ClosedAt == null && d.FinishedOn == null && d.AppointmentDate != null);
        var dueSoon = await open.CountAsync(d => d.AppointmentDate >= today && d.AppointmentDate <= soon, ct);
        var late = await open.CountAsync(d => d.AppointmentDate < today, ct);
        return new DossierWatch(month.OnTimeRate, month.ToHandle, dueSoon, late);
    }

    public async Task<IReadOnlyList<ReturnedDossier>> ReturnedAsync(Guid agencyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var start = VietnamTime.StartOfDayUtc(from);
        var end = VietnamTime.StartOfDayUtc(to.AddDays(1));
        var rows = await db.Set<Dossier>().AsNoTracking()
            .Where(d => d.AgencyId == agencyId && d.Status == DossierStatus.Returned && d.ReturnedAt >= start && d.ReturnedAt < end)
            .OrderBy(d => d.ReturnedAt)
            .Select(d => new { d.Id, d.Code, d.AgencyId, d.UnitId, d.ProcedureCode, d.ProcedureName, d.Field, d.ApplicantName, d.ApplicantPhone, d.ApplicantEmail, d.ReturnedAt })
            .ToListAsync(ct);
        return rows.Select(d => new ReturnedDossier(d.Id, d.Code, d.AgencyId, d.UnitId, d.ProcedureCode, d.ProcedureName, d.Field, d.ApplicantName,
            d.ApplicantPhone, d.ApplicantEmail, VietnamTime.DateOf(d.ReturnedAt!.Value))).ToList();
    }

    public async Task<DossierFigures> FiguresAsync(Guid agencyId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var rows = await DossierIndicators.QueryAsync(db, rollup, agencyId, from, to, VietnamTime.Today(clock), IndicatorBreakdown.None, ct);
        return rows.Count > 0 ? rows[0].Figures : DossierIndicators.Empty;
    }

    public async Task<bool> MarkComplainedAboutAsync(Guid agencyId, string code, CancellationToken ct)
    {
        var dossier = await db.Set<Dossier>().FirstOrDefaultAsync(d => d.AgencyId == agencyId && d.Code == code.Trim(), ct);
        if (dossier is null)
        {
            return false;
        }

        dossier.MarkComplainedAbout();
        await db.SaveChangesAsync(ct);
        return true;
    }

    public Task<string?> ProcedureNameAsync(Guid agencyId, string code, CancellationToken ct)
    {
        var c = code.Trim();
        return db.Set<Procedure>().AsNoTracking().Where(p => p.AgencyId == agencyId && p.Code == c).Select(p => (string?)p.Name).FirstOrDefaultAsync(ct);
    }
}

/// <summary>
/// PAR INDEX's computed criterion "dossiers returned on time": every dossier finished (or overdue and still open) in
/// the year as of a day, on time when finished by its appointment date.
/// </summary>
internal sealed class DossiersOnTimeSource(SiparDbContext db) : IParDataSource
{
    public string Code => ParDataSources.DossiersOnTime;

    public string Counts => "hồ sơ TTHC giải quyết đúng hạn";

    public async Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31) < asOf ? new DateOnly(year, 12, 31) : asOf;
        var rows = await db.Set<Dossier>().AsNoTracking()
            .Where(d => d.AgencyId == agencyId && d.AppointmentDate != null && d.Status != DossierStatus.Stopped
                && ((d.FinishedOn >= from && d.FinishedOn <= to) || (d.FinishedOn == null && d.AppointmentDate >= from && d.AppointmentDate < to)))
            .OrderBy(d => d.AppointmentDate)
            .Select(d => new { d.Code, d.ProcedureName, d.AppointmentDate, d.FinishedOn })
            .ToListAsync(ct);
        return rows.Select(r => new DataSourceRow(
            r.Code + " — " + r.ProcedureName,
            "hẹn " + Infrastructure.Localization.Show.Date(r.AppointmentDate!.Value) + (r.FinishedOn is { } f ? ", xong " + Infrastructure.Localization.Show.Date(f) : ", chưa xong"),
            r.FinishedOn is { } done && done <= r.AppointmentDate!.Value)).ToList();
    }
}
