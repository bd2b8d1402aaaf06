using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Calendar;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// The indicators' monthly store (ADR 0022): for every whole-month period and breakdown it gives the figures the
/// dossiers give, stays exact after changes made through the desk, the import and the contract, and two readers
/// rebuilding the same month at once do not count it twice.
/// </summary>
public abstract class DossierRollupTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private static readonly IndicatorBreakdown[] Breakdowns = [IndicatorBreakdown.None, IndicatorBreakdown.Unit, IndicatorBreakdown.Procedure, IndicatorBreakdown.Field];

    [Fact]
    public async Task Every_whole_month_period_and_breakdown_from_the_store_equals_the_count_over_the_dossiers()
    {
        var agencyId = await SeedAsync(seed: 11, count: 700);
        var periods = new List<(DateOnly From, DateOnly To)>();
        for (var m = new DateOnly(2025, 1, 1); m <= new DateOnly(2026, 12, 1); m = m.AddMonths(1))
        {
            periods.Add((m, m.AddMonths(1).AddDays(-1)));
        }

        periods.AddRange([(new(2025, 1, 1), new(2025, 12, 31)), (new(2026, 1, 1), new(2026, 12, 31)), (new(2026, 4, 1), new(2026, 6, 30)), (new(2026, 7, 1), new(2026, 12, 31)),
            (new(2025, 10, 1), new(2026, 3, 31))]);
        // Today (01/12, mid-month: "due before today" from the dossiers), a month's last day, and a day of the past.
        DateOnly[] days = [app.Today, new(2026, 11, 30), new(2026, 6, 17)];
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var rollup = sp.GetRequiredService<DossierRollup>();
            var calendar = await sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None);
            var compared = 0;
            foreach (var asOf in days)
            {
                foreach (var (from, to) in periods.Where(p => p.From <= asOf))
                {
                    foreach (var by in Breakdowns)
                    {
                        var store = await DossierIndicators.QueryAsync(db, rollup, agencyId, from, to, asOf, by, CancellationToken.None);
                        var dossiers = await DossierIndicators.QueryAsync(db, null, agencyId, from, to, asOf, by, CancellationToken.None);
                        Assert.True(dossiers.SequenceEqual(store), $"{from:dd/MM/yyyy}–{to:dd/MM/yyyy} as of {asOf:dd/MM/yyyy} by {by}: {Show(dossiers)} ≠ {Show(store)}");
                        compared++;
                    }

                    var facts = await DossierIndicators.Facts(db, agencyId, from, to).ToListAsync();
                    var whole = (await DossierIndicators.BreakdownAsync(db, rollup, agencyId, from, to, asOf, IndicatorBreakdown.Procedure, CancellationToken.None)).Total;
                    Assert.Equal(DossierIndicators.Compute(facts, from, to, asOf, calendar), whole);
                    var months = await DossierIndicators.MonthsAsync(db, rollup, agencyId, from, to, CancellationToken.None);
                    Assert.Equal(await DossierIndicators.MonthsAsync(db, null, agencyId, from, to, CancellationToken.None), months);
                }
            }

            Assert.True(compared > 150, compared + " comparisons");
            // Something was counted: the comparisons are not between empty sets.
            var year = (await DossierIndicators.QueryAsync(db, rollup, agencyId, new(2026, 1, 1), new(2026, 12, 31), app.Today, IndicatorBreakdown.None, CancellationToken.None)).Single().Figures;
            Assert.True(year is { Received: > 200, FinishedLate: > 0, LateInProgress: > 0, Stopped: > 0, Supplements: > 0, Apologies: > 0, CarriedOver: > 0 }, year.ToString());
        });
    }

    [Fact]
    public async Task A_change_to_a_dossier_is_in_the_next_read_and_two_readers_at_once_count_a_month_once()
    {
        var agencyId = await SeedAsync(seed: 12, count: 300);
        var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
        var before = await FiguresAsync(agencyId, from, to);

        // A dossier returned on time this year is complained about (the feedback module does this through the contract),
        // and an open one is moved by a re-import to another month: both months are rebuilt on the next read.
        var (kept, open) = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var l = await db.Set<Dossier>().Where(d => d.AgencyId == agencyId && d.FinishedOn >= new DateOnly(2026, 1, 1) && d.FinishedOn <= d.AppointmentDate && d.RatingOverall == null && !d.ComplainedAbout)
                .OrderBy(d => d.Code).FirstAsync();
            var o = await db.Set<Dossier>().Where(d => d.AgencyId == agencyId && d.FinishedOn == null && d.Status == DossierStatus.Processing && d.ReceivedAt >= VietnamTime.StartOfDayUtc(new DateOnly(2026, 3, 1)))
                .OrderBy(d => d.Code).FirstAsync();
            return (l, o);
        });
        await app.WithServicesAsync(sp => sp.GetRequiredService<IDossierRecords>().MarkComplainedAboutAsync(agencyId, kept.Code, CancellationToken.None));
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var procedure = await db.Set<Procedure>().SingleAsync(p => p.Id == open.ProcedureId);
            var calendar = await sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None);
            var dossier = await db.Set<Dossier>().SingleAsync(d => d.Id == open.Id);
            var moved = VietnamTime.StartOfDayUtc(new DateOnly(2026, 2, 2)).AddHours(2);
            dossier.ApplyImport(procedure, new ImportedDossier(dossier.Code, moved, new DateOnly(2026, 2, 20), new DateOnly(2026, 2, 19), moved.AddDays(17), DossierStatus.Returned,
                DossierChannel.Desk, false, false, "Người nộp", null, null, "moved"), dossier.ImportRunId!.Value, calendar);
            await db.SaveChangesAsync();
        });

        var after = await FiguresAsync(agencyId, from, to);
        Assert.Equal(await RawAsync(agencyId, from, to), after);
        Assert.Equal(before.InProgress - 1, after.InProgress);
        Assert.Equal(before.FinishedEarly + 1, after.FinishedEarly);
        // One more finished and one more complained about: (finished − bad) / finished falls.
        Assert.True(after.SatisfactionRate < before.SatisfactionRate, $"{before.SatisfactionRate} → {after.SatisfactionRate}");

        // Every month marked again, then two readers at once: whichever takes a month's marks rebuilds it, the other waits or skips.
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var buckets = await db.Set<Dossier>().Where(d => d.AgencyId == agencyId).Select(d => d.ReceivedAt).ToListAsync();
            db.AddRange(buckets.Select(DossierRollup.Month).Distinct().Select(b => new RollupMark { Id = Guid.CreateVersion7(), AgencyId = agencyId, Bucket = b }));
            await db.SaveChangesAsync();
        });
        var both = await Task.WhenAll(FiguresAsync(agencyId, from, to), FiguresAsync(agencyId, from, to));
        Assert.Equal(after, both[0]);
        Assert.Equal(after, both[1]);
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<RollupMark>().CountAsync(m => m.AgencyId == agencyId)));
    }

    [Fact]
    public async Task A_database_of_the_previous_version_marks_every_month_with_dossiers_and_the_first_read_builds_them()
    {
        await using var upgrade = await PreviousVersionDatabase.BeforeAsync(app, "DossierRollup");
        var db = upgrade.Db;
        // Dossiers written by the previous version (this context has no marker): one received on 15/10, one at 01:00 on
        // 01/11 Vietnam time, which is still 31/10 in UTC.
        var calendar = await app.WithServicesAsync(sp => sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None));
        var agency = Agency.Create("Sở Năm Trước", "SNT", "Lạng Sơn", AgencyKind.Department);
        var procedure = Procedure.Create(agency.Id, new ProcedureInput("9.000001", "Thủ tục cũ", "Việc làm", null, 5, TimeLimitUnit.WorkingDays, null, "Đơn", 0, OnlineLevel.None, null), app.UtcNow);
        var run = ImportRun.Start(agency.Id, ImportKind.Dossiers, "cu.csv", new byte[32], "{}", app.UtcNow, null);
        db.AddRange(agency, procedure, run);
        foreach (var (code, at) in new[] { ("CU-1", new DateTime(2026, 10, 15, 2, 0, 0, DateTimeKind.Utc)), ("CU-2", new DateTime(2026, 10, 31, 18, 0, 0, DateTimeKind.Utc)) })
        {
            var due = calendar.AppointmentDate(VietnamTime.Local(at), 5, null);
            db.Add(Dossier.Imported(agency.Id, procedure, new ImportedDossier(code, at, due, due, VietnamTime.StartOfDayUtc(due).AddHours(3), DossierStatus.Returned,
                DossierChannel.Desk, false, false, "Người nộp", null, null, code), FormSet.Tt03Of2025, run.Id, calendar));
        }

        await db.SaveChangesAsync();
        await upgrade.MigrateAsync();
        Assert.Equal([202610, 202611], await db.Set<RollupMark>().Where(m => m.AgencyId == agency.Id).Select(m => m.Bucket).OrderBy(b => b).ToListAsync());

        await DossierRollup.RebuildMarkedAsync(db, agency.Id, CancellationToken.None);
        Assert.Equal(0, await db.Set<RollupMark>().CountAsync());
        var store = new DossierRollup(db, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>());
        foreach (var month in new[] { new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1) })
        {
            var (from, to) = (month, month.AddMonths(1).AddDays(-1));
            var built = (await DossierIndicators.QueryAsync(db, store, agency.Id, from, to, app.Today, IndicatorBreakdown.None, CancellationToken.None)).Single().Figures;
            Assert.Equal((await DossierIndicators.QueryAsync(db, null, agency.Id, from, to, app.Today, IndicatorBreakdown.None, CancellationToken.None)).Single().Figures, built);
            Assert.Equal(1, built.Received);
        }
    }

    private Task<DossierFigures> FiguresAsync(Guid agencyId, DateOnly from, DateOnly to) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<IDossierRecords>().FiguresAsync(agencyId, from, to, CancellationToken.None));

    private Task<DossierFigures> RawAsync(Guid agencyId, DateOnly from, DateOnly to) =>
        app.WithServicesAsync(async sp => (await DossierIndicators.QueryAsync(sp.GetRequiredService<SiparDbContext>(), null, agencyId, from, to, app.Today, IndicatorBreakdown.None, CancellationToken.None)).Single().Figures);

    private static string Show(IReadOnlyList<(string Key, DossierFigures Figures)> rows) => string.Join(" | ", rows.Select(r => r.Key + ": " + r.Figures));

    /// <summary>
    /// An agency with two units and three procedures, and <paramref name="count"/> dossiers received from 01/2025 to
    /// today: returned early, on time or late, still open (some overdue), stopped, refused, with supplements, apologies,
    /// ratings and complaints, on both channels, and a few as odd as other systems export them (returned without a date).
    /// </summary>
    private async Task<Guid> SeedAsync(int seed, int count)
    {
        var symbol = "RL" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter)).ToUpperInvariant()[..4];
        return await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agencyId = await admin.CreateAsync(new AgencyInput($"Sở Tổng hợp {symbol}", symbol, "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            Guid[] units = [await admin.AddUnitAsync(agencyId, new UnitInput("Phòng Việc làm", "VL", UnitKind.Division, null), CancellationToken.None),
                await admin.AddUnitAsync(agencyId, new UnitInput("Phòng Người có công", "NCC", UnitKind.Division, null), CancellationToken.None)];
            var db = sp.GetRequiredService<SiparDbContext>();
            var calendar = await sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None);
            var options = sp.GetRequiredService<DossierOptions>();
            var now = app.UtcNow;
            var procedures = new[] { (3, "Việc làm", OnlineLevel.Full), (10, "Người có công", OnlineLevel.Partial), (15, "Việc làm", OnlineLevel.None) }
                .Select((p, i) => Procedure.Create(agencyId, new ProcedureInput($"{symbol}.{i + 1:000}", $"Thủ tục {i + 1}", p.Item2, units[i % 2], p.Item1, TimeLimitUnit.WorkingDays,
                    new TimeOnly(15, 0), "Đơn", 0, p.Item3, null), now)).ToList();
            db.AddRange(procedures);
            var run = ImportRun.Start(agencyId, ImportKind.Dossiers, "tong-hop.csv", new byte[32], "{}", now, null);
            db.Add(run);
            await db.SaveChangesAsync();

            var random = new Random(seed);
            var today = app.Today;
            var first = new DateOnly(2025, 1, 2);
            for (var i = 0; i < count; i++)
            {
                var procedure = procedures[random.Next(procedures.Count)];
                var date = first.AddDays(random.Next(today.DayNumber - first.DayNumber));
                var received = VietnamTime.StartOfDayUtc(date).AddHours(random.Next(-2, 12));   // some at 05:00–07:00 Vietnam: the UTC date is the day before
                var due = calendar.AppointmentDate(VietnamTime.Local(received), procedure.TimeLimit, procedure.Cutoff);
                var roll = random.NextDouble();
                DateOnly? finished = roll < 0.15 ? null : roll < 0.3 ? calendar.AddWorkingDays(due, 1 + random.Next(8)) : roll < 0.4 ? due : calendar.SubtractWorkingDays(due, random.Next(procedure.TimeLimit));
                if (finished > today)
                {
                    finished = null;
                }

                var status = finished is not null ? DossierStatus.Returned : random.Next(10) switch { 0 => DossierStatus.Stopped, 1 => DossierStatus.Refused, 2 => DossierStatus.Returned, _ => DossierStatus.Processing };
                DateTime? returned = status == DossierStatus.Returned && finished is { } f ? VietnamTime.StartOfDayUtc(f).AddHours(random.Next(1, 20)) : null;
                var row = new ImportedDossier($"{symbol}-{i:00000}", received, due, finished, returned, status, random.Next(3) == 0 ? DossierChannel.Online : DossierChannel.Desk,
                    random.Next(8) == 0, random.Next(9) == 0, "Người nộp " + i, null, null, "h" + i);
                var dossier = Dossier.Imported(agencyId, procedure, row, options.FormSetOn(date), run.Id, calendar);
                if (status == DossierStatus.Returned && finished is not null && random.Next(5) == 0)
                {
                    dossier.Rate(new DossierRatingInput(1 + random.Next(5), true, 1, 4, 4, null), now);
                }

                if (random.Next(25) == 0)
                {
                    dossier.MarkComplainedAbout();
                }

                db.Add(dossier);
                if (i % 100 == 99)
                {
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }

            await db.SaveChangesAsync();
            return agencyId;
        });
    }
}

public sealed class DossierRollupTestsOnSqlite(SqliteFactory app) : DossierRollupTests<SqliteFactory>(app);

public sealed class DossierRollupTestsOnPostgres(PostgresFactory app) : DossierRollupTests<PostgresFactory>(app);
