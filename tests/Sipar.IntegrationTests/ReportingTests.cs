using System.Net;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;
using Microsoft.EntityFrameworkCore;

namespace Sipar.IntegrationTests;

public abstract class ReportingTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task A_unit_reports_the_office_returns_then_accepts_leadership_approves_and_the_matrix_counts_it()
    {
        var w = await WorldAsync(year: 2099);
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, w.AgencyId, w.Office));
        var other = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));

        // The lead reports progress on its task; the report is pre-filled from it.
        await SiparFactory.PostFormAsync(unit, $"/tasks/{w.TaskId}", new() { ["Status"] = "InProgress", ["Note"] = "Đã rà soát 12/15 văn bản." }, $"/tasks/{w.TaskId}?handler=Progress");
        var periods = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().Where(p => p.PlanId == w.PlanId).OrderBy(p => p.Kind).ToListAsync());
        Assert.Equal(4, periods.Count);
        Assert.True(periods.All(p => p.InternalDueDate < p.ProvinceDueDate));
        var year = periods.Single(p => p.Kind == PeriodKind.Year);
        var url = $"/reports/{year.Id}/{w.Inspectorate}";

        // Pre-filling happens inside the period's window; the 2099 window has not started, so use the task status.
        var form = await SiparFactory.HtmlAsync(await unit.GetAsync(url));
        Assert.Contains("Bảo đảm 100% văn bản QPPL", form.QuerySelector("[data-testid=report-form]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đang thực hiện", form.QuerySelector("[data-testid=report-form]")!.TextContent, StringComparison.Ordinal);

        var empty = await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "" }, url + "?handler=Submit");
        Assert.Equal("Vui lòng nhập kết quả thực hiện trong kỳ.", (await SiparFactory.HtmlAsync(empty)).QuerySelector("[data-valmsg-for=Narrative]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(other, url, new() { ["Narrative"] = "x" }, url + "?handler=Submit")).StatusCode);

        var submitted = await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Thanh tra Sở đã rà soát văn bản QPPL." }, url + "?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(unit, url, [], url + "?handler=Accept")).StatusCode);

        await SiparFactory.PostFormAsync(office, url, new() { ["Reason"] = "Bổ sung số liệu văn bản đã xử lý." }, url + "?handler=Return");
        var returned = await SiparFactory.HtmlAsync(await unit.GetAsync(url));
        Assert.Contains("Bổ sung số liệu văn bản đã xử lý.", returned.QuerySelector("[data-testid=return-reason]")!.TextContent, StringComparison.Ordinal);
        await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Đã xử lý 15/15 văn bản." }, url + "?handler=Submit");
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, [], url + "?handler=Accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(leader, url, [], url + "?handler=Approve")).StatusCode);
        var approved = await SiparFactory.HtmlAsync(await office.GetAsync(url));
        Assert.Equal("Đã duyệt", approved.QuerySelector("[data-testid=report-status]")!.TextContent.Trim());

        var matrix = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/reports"));
        var cell = matrix.QuerySelector($"td[data-unit='Thanh tra Sở'][data-period='Year']")!;
        Assert.Equal("OnTime", cell.GetAttribute("data-state"));
        Assert.Equal("NotDue", matrix.QuerySelector($"td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Year']")!.GetAttribute("data-state"));
        Assert.Equal("Phải gửi 3 · đã gửi 1 · đúng hạn 1 · muộn 0 · chưa gửi 0", matrix.QuerySelector($"[data-testid=totals-{year.Id}]")!.TextContent.Trim());

        // A link to the report by its id (as PAR INDEX evidence keeps it) leads to its page.
        var reportId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<UnitReport>().Where(r => r.PeriodId == year.Id).Select(r => r.Id).SingleAsync());
        var byId = await office.GetAsync($"/reports/by-id/{reportId}");
        Assert.Equal((HttpStatusCode.Redirect, url), (byId.StatusCode, byId.Headers.Location?.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/reports/by-id/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task In_a_past_year_reports_not_sent_are_missing_and_a_report_sent_now_is_late()
    {
        var w = await WorldAsync(year: 2022);
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var q1 = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.PlanId == w.PlanId && p.Kind == PeriodKind.Quarter1));
        Assert.Equal(new DateOnly(2022, 3, 14), q1.InternalDueDate);
        var url = $"/reports/{q1.Id}/{w.Planning}";
        await unit.GetAsync(url);
        await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Báo cáo muộn." }, url + "?handler=Submit");
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var matrix = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/reports"));
        Assert.Equal("Late", matrix.QuerySelector("td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Quarter1']")!.GetAttribute("data-state"));
        Assert.Equal("Missing", matrix.QuerySelector("td[data-unit='Thanh tra Sở'][data-period='Quarter1']")!.GetAttribute("data-state"));

        var later = await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}/reports", new() { ["due"] = "2022-03-25" }, $"/plans/{w.PlanId}/reports?handler=Due&periodId={q1.Id}");
        Assert.Equal("Hạn nội bộ không được sau hạn của tỉnh.", (await SiparFactory.HtmlAsync(later)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_plan_its_tasks_and_the_consolidated_report_download_as_valid_Office_documents()
    {
        var w = await WorldAsync(year: 2099);
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.PlanId == w.PlanId && p.Kind == PeriodKind.HalfYear));
        await SiparFactory.PostFormAsync(unit, $"/tasks/{w.TaskId}", new() { ["Status"] = "Done", [$"Actuals[{w.TargetId}]"] = "100%" }, $"/tasks/{w.TaskId}?handler=Progress");
        var url = $"/reports/{period.Id}/{w.Inspectorate}";
        await unit.GetAsync(url);
        await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Thanh tra Sở đã rà soát toàn bộ văn bản." }, url + "?handler=Submit");
        await SiparFactory.PostFormAsync(office, url, [], url + "?handler=Accept");
        var consolidated = $"/reports/{period.Id}/consolidated";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, consolidated, new() { ["Summary"] = "Cơ bản hoàn thành nhiệm vụ 6 tháng.", ["Difficulties"] = "Một số đơn vị báo cáo chậm.", ["Proposals"] = "" }, consolidated)).StatusCode);

        var report = await office.GetAsync(consolidated + ".docx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", report.Content.Headers.ContentType!.MediaType);
        var text = DocumentChecks.ValidWordText(await report.Content.ReadAsByteArrayAsync());
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        Assert.Contains("BÁO CÁO", text, StringComparison.Ordinal);
        Assert.Contains("Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2099", text, StringComparison.Ordinal);
        Assert.Contains("Cơ bản hoàn thành nhiệm vụ 6 tháng.", text, StringComparison.Ordinal);
        Assert.Contains("Thanh tra Sở đã rà soát toàn bộ văn bản.", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.Matches(@"Số:\s+/BC-SLĐTBXH", text);

        var plan = DocumentChecks.ValidWordText(await (await office.GetAsync($"/plans/{w.PlanId}/export/plan.docx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Số: 77/KH-SLĐTBXH", plan, StringComparison.Ordinal);
        Assert.Contains("Lạng Sơn, ngày 01 tháng 02 năm 2099", plan, StringComparison.Ordinal);
        Assert.Contains("Thanh tra Sở chủ trì, phối hợp với Phòng Kế hoạch – Tài chính:", plan, StringComparison.Ordinal);

        var sheet = DocumentChecks.ValidSheetText(await (await office.GetAsync($"/plans/{w.PlanId}/export/tasks.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Bảo đảm 100% văn bản QPPL được rà soát theo quy định.", sheet, StringComparison.Ordinal);
        Assert.Contains("Hoàn thành", sheet, StringComparison.Ordinal);

        var other = await app.CreateAgencyAsync("Sở Khác");
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, other.AgencyId, other.UnitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(consolidated + ".docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/plans/{w.PlanId}/export/plan.docx")).StatusCode);
    }

    [Fact]
    public async Task Opening_a_report_writes_nothing_and_a_unit_that_owes_none_is_a_404()
    {
        var w = await WorldAsync(year: 2099);
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.PlanId == w.PlanId && p.Kind == PeriodKind.Quarter1));
        Task<int> ReportsAsync() => app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<UnitReport>().CountAsync(r => r.PeriodId == period.Id));

        var url = $"/reports/{period.Id}/{w.Inspectorate}";
        var shown = await SiparFactory.HtmlAsync(await office.GetAsync(url));
        Assert.Contains("Bảo đảm 100% văn bản QPPL", shown.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await unit.GetAsync(url)).StatusCode);
        Assert.Equal(0, await ReportsAsync());

        var other = await app.CreateAgencyAsync("Sở Khác");
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/reports/{period.Id}/{other.UnitId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await office.GetAsync($"/reports/{period.Id}/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SiparFactory.PostFormAsync(office, url, [], url + "?handler=Accept")).StatusCode);
        Assert.Equal(0, await ReportsAsync());

        // The unit's first save creates the report.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Bản nháp quý I." }, url + "?handler=Save")).StatusCode);
        Assert.Equal(1, await ReportsAsync());
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, other.AgencyId, other.UnitId));
        var reportId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<UnitReport>().Where(r => r.PeriodId == period.Id).Select(r => r.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/reports/by-id/{reportId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await office.GetAsync($"/reports/by-id/{reportId}")).StatusCode);
    }

    [Fact]
    public async Task A_report_sent_at_23_59_on_the_due_day_in_Vietnam_is_on_time_and_one_a_minute_later_is_late()
    {
        var w = await WorldAsync(year: 2026);
        var year = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.PlanId == w.PlanId && p.Kind == PeriodKind.Year));
        var due = year.InternalDueDate;

        // 16:59 UTC on the due day is 23:59 in Việt Nam: still the due day. (Sign in after moving the clock: a
        // session started twelve days earlier would have expired.)
        app.Clock.SetUtcNow(new DateTimeOffset(due.ToDateTime(new TimeOnly(16, 59)), TimeSpan.Zero));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var inspector = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var planner = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        async Task<string?> StateAsync(string unit) =>
            (await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/reports"))).QuerySelector($"td[data-unit='{unit}'][data-period='Year']")!.GetAttribute("data-state");
        Assert.Equal("NotDue", await StateAsync("Phòng Kế hoạch – Tài chính"));
        var url = $"/reports/{year.Id}/{w.Inspectorate}";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(inspector, url, new() { ["Narrative"] = "Gửi lúc 23 giờ 59." }, url + "?handler=Submit")).StatusCode);

        // Two minutes later it is the next day in Việt Nam.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        url = $"/reports/{year.Id}/{w.Planning}";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(planner, url, new() { ["Narrative"] = "Gửi lúc 0 giờ 01." }, url + "?handler=Submit")).StatusCode);

        Assert.Equal("OnTime", await StateAsync("Thanh tra Sở"));
        Assert.Equal("Late", await StateAsync("Phòng Kế hoạch – Tài chính"));
        Assert.Equal("Missing", await StateAsync("Văn phòng Sở"));
    }

    [Fact]
    public async Task The_consolidated_report_is_sent_to_the_recipients_the_agency_set()
    {
        var w = await WorldAsync(year: 2026);
        await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.GetAsync(w.AgencyId, CancellationToken.None);
            await admin.UpdateAsync(w.AgencyId, new AgencyInput(agency.Name, agency.Symbol, agency.PlaceName, agency.Kind, "Hội đồng thẩm định CCHC tỉnh (b/c)\nLãnh đạo Sở\nLưu: VT, VP"), CancellationToken.None);
        });
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.PlanId == w.PlanId && p.Kind == PeriodKind.HalfYear));
        var text = DocumentChecks.ValidWordText(await (await office.GetAsync($"/reports/{period.Id}/consolidated.docx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Hội đồng thẩm định CCHC tỉnh (b/c)", text, StringComparison.Ordinal);
        Assert.Contains("Lưu: VT, VP", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sở Nội vụ (b/c)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_units_report_is_prefilled_with_its_own_notes_and_actuals_of_the_period()
    {
        // Other tests of the class move the clock: take the plan (this year's or next year's) with a period whose data
        // window holds today, so the notes written now fall in it.
        World w = null!;
        ReportingPeriod? period = null;
        foreach (var y in new[] { app.Today.Year, app.Today.Year + 1 })
        {
            w = await WorldAsync(year: y);
            var id = w.PlanId;
            period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>()
                .Where(p => p.PlanId == id && p.WindowStart <= app.Today && p.WindowEnd >= app.Today).OrderBy(p => p.Kind).FirstOrDefaultAsync());
            if (period is not null)
            {
                break;
            }
        }

        Assert.NotNull(period);
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var helper = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning, "Cán bộ KH-TC"));
        var task = $"/tasks/{w.TaskId}";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(lead, task, new() { ["Status"] = "InProgress", ["Note"] = "Đã rà soát 12/15 văn bản.", [$"Actuals[{w.TargetId}]"] = "80%" }, task + "?handler=Progress")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(helper, task, new() { ["Note"] = "Đã cung cấp số liệu kinh phí." }, task + "?handler=Contribution")).StatusCode);
        var year = period;

        var leads = (await SiparFactory.HtmlAsync(await lead.GetAsync($"/reports/{year.Id}/{w.Inspectorate}"))).QuerySelector("[data-testid=report-form]")!;
        Assert.Contains("Đã rà soát 12/15 văn bản.", leads.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("80%", leads.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã cung cấp số liệu kinh phí.", leads.InnerHtml, StringComparison.Ordinal);

        var helps = (await SiparFactory.HtmlAsync(await helper.GetAsync($"/reports/{year.Id}/{w.Planning}"))).QuerySelector("[data-testid=report-form]")!;
        Assert.Contains("Đã cung cấp số liệu kinh phí.", helps.InnerHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Đã rà soát 12/15 văn bản.", helps.InnerHtml, StringComparison.Ordinal);
    }

    private sealed record World(Guid AgencyId, Guid Office, Guid Inspectorate, Guid Planning, Guid PlanId, Guid TaskId, Guid TargetId);

    private async Task<World> WorldAsync(int year)
    {
        var ids = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var inspectorate = await admin.AddUnitAsync(agency, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            var planning = await admin.AddUnitAsync(agency, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var content = new PlanContent(year, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, $"Kế hoạch CCHC năm {year}", [], [], [],
                [
                    new SectionContent("II.1", "Chỉ đạo điều hành", office, false, [], ["Tham mưu báo cáo định kỳ."]),
                    new SectionContent("II.2", "Văn bản QPPL", inspectorate, false, [planning], ["Bảo đảm 100% văn bản QPPL được rà soát theo quy định."]),
                ], [], [], null, null, null);
            var plan = Plan.CreateDraft(agency, content, new HashSet<Guid> { office, inspectorate, planning }, app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            return (agency, office, inspectorate, planning, plan: plan.Id, task: plan.Sections[1].Tasks[0].Id, target: plan.Sections[1].Tasks[0].Targets[0].Id);
        });
        var officeClient = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, ids.agency, ids.office));
        var issued = await SiparFactory.PostFormAsync(officeClient, $"/plans/{ids.plan}", new() { ["IssueNumber"] = "77", ["IssueDate"] = $"{year}-02-01", ["confirmed"] = "true" }, $"/plans/{ids.plan}?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return new World(ids.agency, ids.office, ids.inspectorate, ids.planning, ids.plan, ids.task, ids.target);
    }
}

public sealed class ReportingTestsOnSqlite(SqliteFactory app) : ReportingTests<SqliteFactory>(app);

public sealed class ReportingTestsOnPostgres(PostgresFactory app) : ReportingTests<PostgresFactory>(app);
