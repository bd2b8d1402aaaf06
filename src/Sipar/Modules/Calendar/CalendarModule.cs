using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Calendar;

internal sealed record DueResult(DateTime Received, TimeOnly? Cutoff, DateOnly ReceiptDay, int WorkingDays, DateOnly AppointmentDate);

internal sealed record CountResult(DateOnly From, DateOnly To, int WorkingDays);

internal static class CalendarModule
{
    public static IHostApplicationBuilder AddCalendar(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CalendarService>();
        builder.Services.AddSingleton<ICalendars>(sp => sp.GetRequiredService<CalendarService>());
        builder.Services.AddScoped<CalendarAdministration>();
        builder.Services.AddScoped<IDatabaseSeeder, OfficialCalendarSeeder>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCalendar(this IEndpointRouteBuilder app)
    {
        // The calculations use only the public calendar, so anyone (a citizen too) may ask them.
        var api = app.MapGroup("/api/calendar").WithTags("Calendar");
        api.MapGet("/due", async (CalendarService calendars, DateTime received, int days, string? cutoff, CancellationToken ct) =>
            TypedResults.Ok(Due(await calendars.GetAsync(ct), received, days, ParseCutoff(cutoff))));
        api.MapGet("/count", async (CalendarService calendars, DateOnly from, DateOnly to, CancellationToken ct) =>
            TypedResults.Ok(Count(await calendars.GetAsync(ct), from, to)));
        api.MapGet("/{year:int}", async (CalendarAdministration admin, int year, CancellationToken ct) =>
        {
            var (info, days) = await admin.GetYearAsync(year, ct);
            return TypedResults.Ok(new { info.Year, Origin = info.Origin.ToString(), Days = days });
        });
        api.MapPost("/{year:int}/days", async (CalendarAdministration admin, int year, HolidayDay day, CancellationToken ct) =>
        {
            await admin.AddDayAsync(year, day.Date, day.Kind, day.Name, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Administer);
        api.MapDelete("/{year:int}/days/{date}", async (CalendarAdministration admin, int year, DateOnly date, CancellationToken ct) =>
        {
            await admin.RemoveDayAsync(year, date, ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Administer);
        return app;
    }

    public static DueResult Due(WorkingDayCalendar calendar, DateTime received, int days, TimeOnly? cutoff)
    {
        if (days is < 0 or > 3650)
        {
            throw new DomainValidationException("days", "Calendar.DaysRange");
        }

        var receipt = calendar.ReceiptDay(received, cutoff);
        return new DueResult(received, cutoff, receipt, days, calendar.AddWorkingDays(receipt, days));
    }

    public static TimeOnly? ParseCutoff(string? cutoff)
    {
        if (string.IsNullOrWhiteSpace(cutoff))
        {
            return null;
        }

        return TimeOnly.TryParseExact(cutoff.Trim(), ["H:mm", "HH:mm", "H'h'mm", "H'h'"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new DomainValidationException("cutoff", "Calendar.CutoffFormat");
    }

    /// <summary><c>sipar calendar due|count</c>.</summary>
    public static Command Commands(CliContext cli)
    {
        var received = new Option<string>("--received") { Description = "Thời điểm tiếp nhận / received at, \"yyyy-MM-dd HH:mm\" (Vietnam time)", Required = true };
        var days = new Option<int>("--days") { Description = "Số ngày làm việc / working days", Required = true };
        var cutoff = new Option<string?>("--cutoff") { Description = "Giờ chốt tiếp nhận / intake cut-off hour, HH:mm" };
        var json = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var due = new Command("due", "Tính ngày hẹn trả / appointment date for N working days") { received, days, cutoff, json };
        due.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var at = ParseReceived(parse.GetValue(received)!);
            var result = Due(await services.GetRequiredService<CalendarService>().GetAsync(ct), at, parse.GetValue(days), ParseCutoff(parse.GetValue(cutoff)));
            cli.Out.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, CliContext.Json)
                : result.AppointmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            return 0;
        }, ct));

        var from = new Option<DateOnly>("--from") { Description = "Từ ngày (không tính) / from (not counted), yyyy-MM-dd", Required = true };
        var to = new Option<DateOnly>("--to") { Description = "Đến ngày (tính) / to (counted), yyyy-MM-dd", Required = true };
        var countJson = new Option<bool>("--json") { Description = "In JSON / print JSON" };
        var count = new Command("count", "Đếm ngày làm việc sau --from đến hết --to / working days after --from up to --to") { from, to, countJson };
        count.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            var calendar = await services.GetRequiredService<CalendarService>().GetAsync(ct);
            var result = Count(calendar, parse.GetValue(from), parse.GetValue(to));
            cli.Out.WriteLine(parse.GetValue(countJson)
                ? JsonSerializer.Serialize(result, CliContext.Json)
                : result.WorkingDays.ToString(CultureInfo.InvariantCulture));
            return 0;
        }, ct));

        return new Command("calendar", "Lịch ngày làm việc / working-day calendar") { due, count };
    }

    /// <summary>Working days after <paramref name="from"/> up to <paramref name="to"/>; a period that ends before it starts is an error, not a negative count.</summary>
    internal static CountResult Count(WorkingDayCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return to < from
            ? throw new DomainValidationException("to", "Calendar.CountOrder")
            : new CountResult(from, to, calendar.CountWorkingDays(from, to));
    }

    /// <summary>The time is required: it decides whether the receipt day is today or the next working day (the cut-off).</summary>
    private static DateTime ParseReceived(string value) =>
        DateTime.TryParseExact(value.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at
            : throw new DomainValidationException("received", "Calendar.ReceivedFormat");
}
