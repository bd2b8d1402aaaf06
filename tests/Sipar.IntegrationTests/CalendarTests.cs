using System.Net;
using System.Net.Http.Json;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class CalendarTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_official_years_are_loaded_into_the_database()
    {
        var years = await app.WithServicesAsync(sp => sp.GetRequiredService<CalendarAdministration>().ListYearsAsync(2026, CancellationToken.None));
        foreach (var year in new[] { 2022, 2023, 2024, 2025, 2026 })
        {
            var y = years.Single(x => x.Year == year);
            Assert.True(y.Stored);
            Assert.Equal(CalendarOrigin.Official, y.Origin);
        }

        Assert.False(years.Single(y => y.Year == 2028).Stored);
    }

    [Fact]
    public async Task The_API_computes_the_appointment_date_for_anyone()
    {
        var client = app.NewClient();
        var due = await client.GetFromJsonAsync<DueResult>("/api/calendar/due?received=2025-01-24T16:30&days=5&cutoff=15:00", SiparFactory.Json);
        Assert.Equal(new DateOnly(2025, 2, 3), due!.ReceiptDay);
        Assert.Equal(new DateOnly(2025, 2, 10), due.AppointmentDate);
        var count = await client.GetFromJsonAsync<CountResult>("/api/calendar/count?from=2025-01-20&to=2025-02-10", SiparFactory.Json);
        Assert.Equal(10, count!.WorkingDays);
        var bad = await client.GetAsync("/api/calendar/due?received=2025-01-24T16:30&days=5&cutoff=3pm");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Giờ chốt phải có dạng HH:mm", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_adds_a_day_off_and_appointment_dates_move_then_resets_the_year()
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var officer = app.NewClient();
        const string url = "/api/calendar/due?received=2031-03-07T09:00&days=1";
        Assert.Equal(new DateOnly(2031, 3, 10), (await officer.GetFromJsonAsync<DueResult>(url, SiparFactory.Json))!.AppointmentDate);

        var add = await SiparFactory.PostFormAsync(admin, "/admin/calendar/2031", new()
        {
            ["NewDate"] = "2031-03-10", ["NewKind"] = "DayOff", ["NewName"] = "Nghỉ đột xuất",
        }, "/admin/calendar/2031?handler=Add");
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        Assert.Equal(new DateOnly(2031, 3, 11), (await officer.GetFromJsonAsync<DueResult>(url, SiparFactory.Json))!.AppointmentDate);

        var page = await SiparFactory.HtmlAsync(await admin.GetAsync("/admin/calendar/2031"));
        Assert.Contains("Nghỉ đột xuất", page.QuerySelector("[data-testid=calendar-days]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Quản trị đã chỉnh sửa", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        var weekend = await SiparFactory.PostFormAsync(admin, "/admin/calendar/2031", new()
        {
            ["NewDate"] = "2031-03-15", ["NewKind"] = "DayOff", ["NewName"] = "Thứ Bảy",
        }, "/admin/calendar/2031?handler=Add");
        Assert.Equal(HttpStatusCode.OK, weekend.StatusCode);
        Assert.Contains("chỉ thêm ngày nghỉ từ thứ Hai đến thứ Sáu", (await SiparFactory.HtmlAsync(weekend)).QuerySelector("[data-valmsg-for=NewDate]")!.TextContent, StringComparison.Ordinal);

        var reset = await SiparFactory.PostFormAsync(admin, "/admin/calendar/2031", [], "/admin/calendar/2031?handler=Reset");
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal(new DateOnly(2031, 3, 10), (await officer.GetFromJsonAsync<DueResult>(url, SiparFactory.Json))!.AppointmentDate);
    }

    [Fact]
    public async Task The_working_day_page_computes_and_explains_bad_input()
    {
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, (await app.CreateAgencyAsync()).AgencyId));
        var page = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?Received=2025-01-24T16:30&Days=5&Cutoff=15:00"));
        Assert.Contains("10/02/2025", page.QuerySelector("[data-testid=appointment]")!.TextContent, StringComparison.Ordinal);
        // Typed as a Vietnamese reads dates (whatever the browser's language), and shown back the same way.
        var typed = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?Received=" + Uri.EscapeDataString("24/01/2025 16:30") + "&Days=5&Cutoff=15:00"));
        Assert.Contains("10/02/2025", typed.QuerySelector("[data-testid=appointment]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("24/01/2025 16:30", typed.QuerySelector("#Received")!.GetAttribute("value"));
        Assert.Equal("text", typed.QuerySelector("#Received")!.GetAttribute("type"));
        var notATime = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?Received=" + Uri.EscapeDataString("01/24/2025 16:30") + "&Days=5"));
        Assert.Contains("không phải là ngày giờ", notATime.QuerySelector("[data-valmsg-for=Received]")!.TextContent, StringComparison.Ordinal);
        var count2 = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?From=20/01/2025&To=10/02/2025"));
        Assert.Equal("10 ngày làm việc", count2.QuerySelector("[data-testid=count-result]")!.TextContent.Trim());
        Assert.Equal("20/01/2025", count2.QuerySelector("#From")!.GetAttribute("value"));
        var bad = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?Received=2025-01-24T16:30&Days=5&Cutoff=25h"));
        Assert.Contains("Giờ chốt phải có dạng HH:mm", bad.QuerySelector("[data-valmsg-for=Cutoff]")!.TextContent, StringComparison.Ordinal);
        var count = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?From=2025-01-20&To=2025-02-10"));
        Assert.Equal("10 ngày làm việc", count.QuerySelector("[data-testid=count-result]")!.TextContent.Trim());
        var backwards = await SiparFactory.HtmlAsync(await client.GetAsync("/calendar?From=2025-02-10&To=2025-01-20"));
        Assert.Null(backwards.QuerySelector("[data-testid=count-result]"));
        Assert.Contains("Ngày kết thúc phải không trước ngày bắt đầu", backwards.QuerySelector("[data-valmsg-for=To]")!.TextContent, StringComparison.Ordinal);
    }
}

public sealed class CalendarTestsOnSqlite(SqliteFactory app) : CalendarTests<SqliteFactory>(app);

public sealed class CalendarTestsOnPostgres(PostgresFactory app) : CalendarTests<PostgresFactory>(app);
