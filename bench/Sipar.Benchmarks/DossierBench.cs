using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Calendar;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;

namespace Sipar.Benchmarks;

/// <summary>
/// The one-stop benchmarks on PostgreSQL (bench/dossiers.sh runs them): a province's dossiers generated and loaded by
/// COPY, the province-year indicators timed next to one hand-written SQL statement computing the same numbers, and a
/// 1,000,000-row export file for the import. Seeded and reproducible.
/// </summary>
internal static class DossierBench
{
    private static readonly string[] Fields = ["Việc làm", "Bảo trợ xã hội", "Người có công", "Giáo dục nghề nghiệp", "Trẻ em", "An toàn lao động"];

    /// <summary>40 agencies × 30 procedures, <paramref name="count"/> dossiers over 2024–2026 with seasonal peaks, lateness, supplements, apologies and ratings.</summary>
    public static async Task<(Guid AgencyId, string Symbol, string Code, string Secret)> SeedAsync(IServiceProvider services, int count, int agencyCount = 40)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<SiparDbContext>();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        var calendar = await sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None);
        var random = new Random(20261201);
        var agencies = new List<Agency>();
        var procedures = new List<Procedure>();
        var now = DateTime.UtcNow;
        for (var a = 0; a < agencyCount; a++)
        {
            var agency = Agency.Create($"Sở thử {a:00}", "BA" + ((char)('A' + (a / 26))) + ((char)('A' + (a % 26))), "Lạng Sơn", AgencyKind.Department);
            agencies.Add(agency);
            var units = Enumerable.Range(1, 10).Select(i => Unit.Create(agency.Id, $"Phòng {i:00}", $"P{i:00}", UnitKind.Division, null, i)).ToList();
            db.Add(agency);
            db.AddRange(units);
            for (var p = 0; p < 30; p++)
            {
                var limit = new[] { 3, 5, 7, 10, 15, 20 }[random.Next(6)];
                procedures.Add(Procedure.Create(agency.Id, new ProcedureInput($"{a + 1}.{p + 1:000000}", $"Thủ tục {p + 1} của sở {a:00}", Fields[p % Fields.Length], units[p % 10].Id,
                    limit, TimeLimitUnit.WorkingDays, new TimeOnly(15, 0), "Đơn đề nghị", p % 4 == 0 ? 0 : 50_000 * (p % 5), (OnlineLevel)(p % 3), null), now));
            }
        }

        db.AddRange(procedures);
        var run = ImportRun.Start(agencies[0].Id, ImportKind.Dossiers, "bench", new byte[32], "{}", now, null);
        db.Add(run);
        await db.SaveChangesAsync();

        var start = new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc);
        var today = new DateOnly(2026, 12, 1);
        var forms = new DossierOptions();
        await db.Database.OpenConnectionAsync();
        await using (var copy = await BulkCopy.StartAsync<Dossier>(db, "dossiers_dossiers", CancellationToken.None))
        {
            for (var i = 0; i < count; i++)
            {
                var procedure = procedures[random.Next(procedures.Count)];
                // Busier before Tết (January) and at year end; working hours 07:30–17:00.
                var day = random.Next(0, 3 * 365 - 30);
                var date = DateOnly.FromDateTime(start.AddDays(day));
                if (date.Month is 2 && random.NextDouble() < 0.3)
                {
                    date = date.AddDays(-random.Next(5, 25));
                }

                var received = VietnamTime.StartOfDayUtc(date).AddMinutes(450 + random.Next(0, 570));
                var due = calendar.AppointmentDate(VietnamTime.Local(received), procedure.TimeLimit, procedure.Cutoff);
                var lateness = random.NextDouble();
                var finishedOn = lateness < 0.03 ? (DateOnly?)null : lateness < 0.08 ? calendar.AddWorkingDays(due, 1 + random.Next(5)) : calendar.SubtractWorkingDays(due, random.Next(0, Math.Max(1, procedure.TimeLimit)));
                if (finishedOn > today)
                {
                    finishedOn = null;
                }

                var status = finishedOn is null ? (random.NextDouble() < 0.02 ? DossierStatus.Stopped : DossierStatus.Processing) : DossierStatus.Returned;
                var returned = finishedOn is { } f && status == DossierStatus.Returned ? VietnamTime.StartOfDayUtc(f).AddHours(3) : (DateTime?)null;
                var row = new ImportedDossier($"BENCH-{i:0000000}", received, due, finishedOn, returned, status,
                    random.NextDouble() < 0.35 ? DossierChannel.Online : DossierChannel.Desk, random.NextDouble() < 0.1, lateness is >= 0.03 and < 0.06,
                    "Công dân " + i.ToString(CultureInfo.InvariantCulture), "09" + random.Next(10000000, 99999999).ToString(CultureInfo.InvariantCulture), null, "");
                var dossier = Dossier.Imported(procedure.AgencyId, procedure, row, forms.FormSetOn(date), run.Id, calendar);
                await copy.WriteAsync(dossier, CancellationToken.None);
            }

            await copy.CompleteAsync(CancellationToken.None);
        }

        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE dossiers_dossiers");
        // The indicators' monthly store, built from every month as the first read after a bulk load would (ADR 0022).
        var built = Stopwatch.StartNew();
        await DossierRollup.RebuildAllAsync(db, CancellationToken.None);
        await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE dossiers_rollup");
        var lines = await db.Set<RollupRow>().CountAsync();
        await Console.Error.WriteLineAsync($"monthly store built in {built.Elapsed.TotalSeconds:0.0} s: {lines:N0} lines for {count:N0} dossiers");
        var sample = await db.Set<Dossier>().AsNoTracking().Where(d => d.Code == "BENCH-0000001").Select(d => new { d.AgencyId, d.Code, d.LookupSecret }).SingleAsync();
        return (agencies[0].Id, agencies[0].Symbol, sample.Code, sample.LookupSecret);
    }

    /// <summary>
    /// The province-year indicators through Sipar (the monthly store, EF), then through one hand-written statement over
    /// the same store, then through one hand-written statement over the dossiers themselves, in turn; all three must agree.
    /// </summary>
    public static async Task<int> IndicatorsAsync(IServiceProvider services, string connectionString, int iterations, int year)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var asOf = new DateOnly(2026, 12, 1);
        var sipar = new List<double>();
        var sql = new List<double>();
        var raw = new List<double>();
        DossierFigures? figures = null;
        long[] hand = [];
        long[] scan = [];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        for (var i = 0; i < iterations + 2; i++)
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
                db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
                var watch = Stopwatch.StartNew();
                figures = (await DossierIndicators.QueryAsync(db, scope.ServiceProvider.GetRequiredService<DossierRollup>(), null, from, to, asOf, IndicatorBreakdown.None, CancellationToken.None)).Single().Figures;
                if (i >= 2)
                {
                    sipar.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            var w = Stopwatch.StartNew();
            hand = await HandWrittenStoreAsync(connection, from, to, asOf);
            if (i >= 2)
            {
                sql.Add(w.Elapsed.TotalMilliseconds);
            }

            // The scan of the dossiers is slow (seconds): a few runs are enough to show what the store saves.
            if (i < 2 + Math.Min(iterations, 5))
            {
                w.Restart();
                scan = await HandWrittenAsync(connection, from, to, asOf);
                if (i >= 2)
                {
                    raw.Add(w.Elapsed.TotalMilliseconds);
                }
            }
        }

        var f = figures!;
        long[] mine = [f.Received, f.CarriedOver, f.FinishedEarly, f.FinishedOnTime, f.FinishedLate, f.InProgress, f.LateInProgress, f.Supplements, f.Apologies, f.Stopped, f.Online,
            (long)(f.MedianDays ?? -1), (long)(f.P90Days ?? -1)];
        if (!mine.SequenceEqual(hand) || !mine.SequenceEqual(scan))
        {
            Console.Error.WriteLine($"The numbers differ: Sipar {string.Join(',', mine)} / SQL over the store {string.Join(',', hand)} / SQL over the dossiers {string.Join(',', scan)}");
            return 1;
        }

        Console.WriteLine($"indicators, province, {year}: to handle {f.ToHandle:N0}, on time {f.OnTimeRate}%, median {f.MedianDays} / p90 {f.P90Days} working days");
        Console.WriteLine($"{"",-34} {"p50 ms",10} {"p95 ms",10}");
        Console.WriteLine($"{"Sipar (DossierIndicators)",-34} {P(sipar, 0.5),10:0.0} {P(sipar, 0.95),10:0.0}");
        Console.WriteLine($"{"hand-written SQL over the store",-34} {P(sql, 0.5),10:0.0} {P(sql, 0.95),10:0.0}");
        Console.WriteLine($"{"hand-written SQL over the dossiers",-34} {P(raw, 0.5),10:0.0} {P(raw, 0.95),10:0.0}");
        Console.WriteLine($"ratio p95, Sipar / SQL over the store: {P(sipar, 0.95) / P(sql, 0.95):0.00}×; / SQL over the dossiers: {P(sipar, 0.95) / P(raw, 0.95):0.00}×");
        return 0;
    }

    /// <summary>A CSV as the province's system exports it: 1,000,000 rows of one agency's procedures.</summary>
    public static async Task WriteExportAsync(IServiceProvider services, Guid agencyId, string path, int rows)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
        var codes = await db.Set<Procedure>().Where(p => p.AgencyId == agencyId).Select(p => p.Code).ToListAsync();
        var random = new Random(7);
        await using var writer = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        await writer.WriteLineAsync("Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Hình thức nộp,Bổ sung,Xin lỗi,Người nộp,Số điện thoại");
        var start = new DateOnly(2025, 1, 2);
        for (var i = 0; i < rows; i++)
        {
            var received = start.AddDays(random.Next(0, 330));
            var due = received.AddDays(7 + random.Next(0, 14));
            var done = random.NextDouble() < 0.9 ? due.AddDays(random.Next(-5, 3)) : (DateOnly?)null;
            var doneText = done is { } d ? d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"IMP-{i:0000000},{codes[random.Next(codes.Count)]},{received:dd/MM/yyyy} 08:{random.Next(10, 59)},{due:dd/MM/yyyy},{doneText},{doneText},{(done is null ? "Đang xử lý" : "Đã trả kết quả")},{(random.Next(3) == 0 ? "Trực tuyến" : "Trực tiếp")},{(random.Next(10) == 0 ? "x" : "")},,Người nộp {i},09{random.Next(10000000, 99999999)}"));
        }
    }

    /// <summary>
    /// The bare counterparts of the public lookup: Kestrel and hand-written queries, no framework around them. POST Code
    /// and Secret as a form to <c>/tra-cuu</c> for the dossier's row and an HTML fragment back; to <c>/tra-cuu-trang</c> for
    /// everything Sipar's answer holds (the dossier with its timeline in one query, the agency's contacts kept in memory
    /// after their first read, as Sipar keeps them) written into <paramref name="pageFile"/> (Sipar's own answer, saved by
    /// bench/dossiers.sh), so the work and the bytes sent are the same.
    /// </summary>
    public static async Task BareLookupAsync(string url, string connectionString, string? pageFile)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var source = NpgsqlDataSource.Create(connectionString);
        var page = pageFile is null ? "<main></main>" : await File.ReadAllTextAsync(pageFile);
        var cut = Math.Max(0, page.IndexOf("<main", StringComparison.Ordinal));
        var (head, tail) = (page[..cut], page[cut..]);
        var contactsOf = new System.Collections.Concurrent.ConcurrentDictionary<Guid, string>();
        await using var app = builder.Build();
        app.MapPost("/tra-cuu", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            await using var command = source.CreateCommand("""SELECT "LookupSecret", "Status", "ProcedureName", "AppointmentDate" FROM dossiers_dossiers WHERE "Code" = $1""");
            command.Parameters.AddWithValue(form["Code"].ToString().Trim().ToUpperInvariant());
            await using var reader = await command.ExecuteReaderAsync();
            var found = await reader.ReadAsync() && string.Equals(reader.GetString(0), form["Secret"].ToString().Trim(), StringComparison.OrdinalIgnoreCase);
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(found ? $"<p>{System.Net.WebUtility.HtmlEncode(reader.GetString(2))}: {reader.GetString(1)}, {reader.GetFieldValue<DateOnly>(3):dd/MM/yyyy}</p>" : "<p>Không tìm thấy</p>");
        });
        app.MapPost("/tra-cuu-trang", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var html = new System.Text.StringBuilder(page.Length + 512).Append(head);
            Guid? agency = null;
            await using (var command = source.CreateCommand("""
                SELECT d."LookupSecret", d."Status", d."ProcedureName", d."AppointmentDate", d."AgencyId", s."Action", s."At"
                FROM dossiers_dossiers d LEFT JOIN dossiers_steps s ON s."DossierId" = d."Id" WHERE d."Code" = $1 ORDER BY s."Order"
                """))
            {
                command.Parameters.AddWithValue(form["Code"].ToString().Trim().ToUpperInvariant());
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    if (agency is null)
                    {
                        if (!string.Equals(reader.GetString(0), form["Secret"].ToString().Trim(), StringComparison.OrdinalIgnoreCase))
                        {
                            break;
                        }

                        agency = reader.GetGuid(4);
                        html.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(reader.GetString(2))).Append(": ").Append(reader.GetString(1))
                            .Append(CultureInfo.InvariantCulture, $", {reader.GetFieldValue<DateOnly>(3):dd/MM/yyyy}</p>");
                    }

                    if (!reader.IsDBNull(5))
                    {
                        html.Append("<li>").Append(reader.GetString(5)).Append(CultureInfo.InvariantCulture, $" {reader.GetDateTime(6):dd/MM/yyyy HH:mm}</li>");
                    }
                }
            }

            if (agency is { } a)
            {
                if (!contactsOf.TryGetValue(a, out var contacts))
                {
                    await using var command = source.CreateCommand("""SELECT "Name", "Hotline", "Email" FROM org_agencies WHERE "Id" = $1""");
                    command.Parameters.AddWithValue(a);
                    await using var r = await command.ExecuteReaderAsync();
                    contacts = await r.ReadAsync() ? $"<p>{System.Net.WebUtility.HtmlEncode(r.GetString(0))} {(r.IsDBNull(1) ? "" : r.GetString(1))}</p>" : "";
                    contactsOf[a] = contacts;
                }

                html.Append(contacts);
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(html.Append(tail).ToString());
        });
        await app.RunAsync();
    }

    /// <summary>
    /// The same numbers, written once by hand over the monthly store (its kinds as numbers, ADR 0022): one round trip of
    /// two statements, the counts, then the day histograms of the lines finished in the period, added up here for the
    /// nearest-rank median and p90. Whole-month periods ending on or before today.
    /// </summary>
    private static async Task<long[]> HandWrittenStoreAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, DateOnly asOf)
    {
        const string text = """
            SELECT coalesce(sum("N1") FILTER (WHERE "Kind" = 1 AND "M1" BETWEEN @s AND @e), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 2 AND "M1" < @s AND "M2" >= @s), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 3 AND "M1" BETWEEN @s AND @e AND ("M2" BETWEEN @s AND @e OR ("M2" < @s AND "M3" >= @s))), 0),
                   coalesce(sum("N2") FILTER (WHERE "Kind" = 3 AND "M1" BETWEEN @s AND @e AND ("M2" BETWEEN @s AND @e OR ("M2" < @s AND "M3" >= @s))), 0),
                   coalesce(sum("N3") FILTER (WHERE "Kind" = 3 AND "M1" BETWEEN @s AND @e AND ("M2" BETWEEN @s AND @e OR ("M2" < @s AND "M3" >= @s))), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 2 AND "M1" <= @e AND "M2" > @e), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 2 AND "M1" <= @e AND "M2" > @e AND ("M3" < @em OR ("M3" = @em AND NOT "Flag"))), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 4 AND "M1" BETWEEN @s AND @e), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 6 AND "M1" BETWEEN @s AND @e), 0),
                   coalesce(sum("N1") FILTER (WHERE "Kind" = 7 AND "M1" BETWEEN @s AND @e), 0),
                   coalesce(sum("N2") FILTER (WHERE "Kind" = 1 AND "M1" BETWEEN @s AND @e), 0)
            FROM dossiers_rollup WHERE "Bucket" <= @e AND "Stay" >= @s;
            SELECT "Histogram" FROM dossiers_rollup
            WHERE "Bucket" <= @e AND "Stay" >= @s AND "Kind" = 3 AND "Histogram" IS NOT NULL AND "M1" BETWEEN @s AND @e AND ("M2" BETWEEN @s AND @e OR ("M2" < @s AND "M3" >= @s))
            """;
        var end = asOf < to ? asOf : to;
        if (end.AddDays(1).Day != 1 || from.Day != 1)
        {
            throw new ArgumentException("whole months ending by today only", nameof(to));
        }

        await using var command = new NpgsqlCommand(text, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("s", DossierRollup.Month(from));
        command.Parameters.AddWithValue("e", DossierRollup.Month(to));
        command.Parameters.AddWithValue("em", DossierRollup.Month(end));
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var counts = Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToList();
        await reader.NextResultAsync();
        // The lines' texts added up and ranked with Sipar's own two helpers: what is measured here is the SQL.
        var days = new Dictionary<int, int>();
        while (await reader.ReadAsync())
        {
            DossierRollup.AddHistogram(reader.GetString(0), days);
        }

        var histogram = days.OrderBy(d => d.Key).Select(d => (d.Key, d.Value)).ToList();
        long Rank(decimal p) => (long)(DossierIndicators.Percentile(histogram, p) ?? -1);
        return [.. counts, Rank(0.5m), Rank(0.9m)];
    }

    private static async Task<long[]> HandWrittenAsync(NpgsqlConnection connection, DateOnly from, DateOnly to, DateOnly asOf)
    {
        // The same definitions as DossierIndicators, written once by hand over the same table and indexes.
        const string text = """
            WITH d AS (
              SELECT *, ("AcceptedAt" >= @start AND "AcceptedAt" < @endx) AS rec,
                     ("AcceptedAt" < @start AND ("FinishedOn" IS NULL OR "FinishedOn" >= @from) AND NOT ("Status" = 'Stopped' AND "ClosedAt" IS NOT NULL AND "ClosedAt" < @start)) AS car
              FROM dossiers_dossiers
              WHERE "ReceivedAt" < @endx AND ("ClosedAt" IS NULL OR "ClosedAt" >= @start OR "FinishedOn" >= @from))
            SELECT count(*) FILTER (WHERE rec),
                   count(*) FILTER (WHERE car),
                   count(*) FILTER (WHERE (rec OR car) AND "FinishedOn" BETWEEN @from AND @to AND "AppointmentDate" IS NOT NULL AND "FinishedOn" < "AppointmentDate"),
                   count(*) FILTER (WHERE (rec OR car) AND "FinishedOn" BETWEEN @from AND @to AND "FinishedOn" = "AppointmentDate"),
                   count(*) FILTER (WHERE (rec OR car) AND "FinishedOn" BETWEEN @from AND @to AND "FinishedOn" > "AppointmentDate"),
                   count(*) FILTER (WHERE (rec OR car) AND ("FinishedOn" IS NULL OR "FinishedOn" > @to) AND NOT ("Status" = 'Stopped' AND "ClosedAt" IS NOT NULL AND "ClosedAt" < @endx)),
                   count(*) FILTER (WHERE (rec OR car) AND ("FinishedOn" IS NULL OR "FinishedOn" > @to) AND NOT ("Status" = 'Stopped' AND "ClosedAt" IS NOT NULL AND "ClosedAt" < @endx) AND "AppointmentDate" < @end),
                   count(*) FILTER (WHERE "SupplementRequestedAt" >= @start AND "SupplementRequestedAt" < @endx),
                   count(*) FILTER (WHERE "ApologyIssuedOn" BETWEEN @from AND @to),
                   count(*) FILTER (WHERE "AcceptedAt" IS NOT NULL AND "Status" = 'Stopped' AND "ClosedAt" >= @start AND "ClosedAt" < @endx),
                   count(*) FILTER (WHERE rec AND "Channel" = 'Online'),
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY "ProcessingDays") FILTER (WHERE (rec OR car) AND "FinishedOn" BETWEEN @from AND @to AND "AppointmentDate" IS NOT NULL),
                   percentile_disc(0.9) WITHIN GROUP (ORDER BY "ProcessingDays") FILTER (WHERE (rec OR car) AND "FinishedOn" BETWEEN @from AND @to AND "AppointmentDate" IS NOT NULL)
            FROM d
            """;
        await using var command = new NpgsqlCommand(text, connection) { CommandTimeout = 300 };
        command.Parameters.AddWithValue("start", VietnamTime.StartOfDayUtc(from));
        command.Parameters.AddWithValue("endx", VietnamTime.StartOfDayUtc(to.AddDays(1)));
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("end", asOf < to ? asOf : to);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? -1 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
    }

    private static double P(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
