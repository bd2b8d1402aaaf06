using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>Report types as data: imported from JSON, owed from a plan task, each with its own periods, matrix and consolidated report.</summary>
public abstract class ReportTypesTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_sample_types_import_once_then_change_nothing_and_a_bad_file_is_reported_by_entry_with_nothing_saved()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var samples = await (await office.GetAsync("/reports/types/samples.json")).Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await PostJsonAsync(unit, "/api/report-types/import", samples)).StatusCode);
        var preview = await LinesAsync(await PostJsonAsync(office, "/api/report-types/import", samples));
        // Issuing the plan made the CCHC type from the template: the sample's CCHC is the same.
        Assert.Equal(["CCHC:Unchanged", "THPL:Add", "RSVB:Add", "CDS:Add", "NQ17:Add", "ISO:Add"], preview);
        Assert.Equal(1, await TypeCountAsync(w.AgencyId));

        Assert.All(await LinesAsync(await PostJsonAsync(office, "/api/report-types/import?apply=true", samples)), l => Assert.DoesNotContain("error", l, StringComparison.Ordinal));
        Assert.Equal(6, await TypeCountAsync(w.AgencyId));
        Assert.All(await LinesAsync(await PostJsonAsync(office, "/api/report-types/import?apply=true", samples)), l => Assert.EndsWith(":Unchanged", l, StringComparison.Ordinal));
        Assert.Equal(6, await TypeCountAsync(w.AgencyId));

        // One good entry and two bad ones: nothing is saved and each bad one is named with its field.
        var bad = """
            [ { "code": "NEW", "name": "Báo cáo mới", "periodicity": "Yearly", "cutOffDay": 14, "dueRule": "ngày 20 tháng cuối kỳ" },
              { "code": "X1", "name": "Báo cáo X", "periodicity": "Quarterly", "dueRule": "cuối tháng" },
              { "code": "X2", "name": "Báo cáo Y", "periodicity": "Yearly", "cutOffDay": 14, "dueRule": "ngày 20 tháng cuối kỳ", "contributors": ["Phòng Không Có"] } ]
            """u8.ToArray();
        var response = await PostJsonAsync(office, "/api/report-types/import?apply=true", bad);
        var lines = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Empty(lines[0].GetProperty("errors").EnumerateArray());
        Assert.Equal("DueRule", lines[1].GetProperty("errors")[0].GetProperty("field").GetString());
        Assert.Equal("ReportType.UnitNotFound", lines[2].GetProperty("errors")[0].GetProperty("messageKey").GetString());
        Assert.Equal(6, await TypeCountAsync(w.AgencyId));

        var exported = await (await office.GetAsync("/reports/types/export.json")).Content.ReadAsStringAsync();
        Assert.Contains("\"code\": \"CDS\"", exported, StringComparison.Ordinal);
        Assert.Contains("5 ngày làm việc sau kỳ", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_line_checks_a_file_before_saving_imports_it_and_prints_it_back()
    {
        var symbol = "RT" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var agencyId = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().CreateAsync(new AgencyInput($"Sở Thử {symbol}", symbol, "Lạng Sơn", AgencyKind.Department), CancellationToken.None));
        var file = Path.Combine(app.DataDirectory, symbol + ".json");
        await File.WriteAllBytesAsync(file, ReportTypes.Samples());

        var dry = await app.RunCliAsync("report-types", "import", file, "--agency", symbol, "--dry-run");
        Assert.True(dry.Code == 0, dry.Error);
        Assert.Contains("Mục 4: CDS — Thêm mới", dry.Out, StringComparison.Ordinal);
        Assert.Equal(0, await TypeCountAsync(agencyId));
        Assert.Equal(0, (await app.RunCliAsync("report-types", "import", file, "--agency", symbol)).Code);
        Assert.Equal(6, await TypeCountAsync(agencyId));
        var exported = await app.RunCliAsync("report-types", "export", "--agency", symbol);
        Assert.Contains("\"code\": \"NQ17\"", exported.Out, StringComparison.Ordinal);

        await File.WriteAllTextAsync(file, "[ { \"code\": \"X\", \"name\": \"Báo cáo X\", \"periodicity\": \"Weekly\" } ]");
        var bad = await app.RunCliAsync("report-types", "import", file, "--agency", symbol);
        Assert.Equal(2, bad.Code);
        Assert.Contains("Kỳ báo cáo phải là một trong", bad.Error, StringComparison.Ordinal);
        Assert.Equal(6, await TypeCountAsync(agencyId));
    }

    [Fact]
    public async Task The_type_form_refuses_an_unreadable_rule_and_a_unit_of_another_agency_next_to_the_field()
    {
        var w = await WorldAsync();
        var other = await app.CreateAgencyAsync("Sở Khác");
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var page = $"/reports/types?agency={w.AgencyId}";
        var form = new Dictionary<string, string>
        {
            ["Form.Code"] = "CDS", ["Form.Name"] = "Báo cáo chuyển đổi số", ["Form.Periodicity"] = "Quarterly", ["Form.DueRule"] = "khi nào xong", ["Form.Recipient"] = "Sở Khoa học và Công nghệ",
        };
        var refused = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, page, form, page + "&handler=Save"));
        Assert.Contains("Không đọc được hạn gửi \"khi nào xong\"", refused.QuerySelector("[data-valmsg-for='Form.DueRule']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Sở Khoa học và Công nghệ", ((AngleSharp.Html.Dom.IHtmlInputElement)refused.QuerySelector("#Form_Recipient")!).Value);

        form["Form.DueRule"] = "5 ngày làm việc sau kỳ";
        form["Form.Contributors"] = other.UnitId.ToString();
        var outside = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, page, form, page + "&handler=Save"));
        Assert.Equal("Đơn vị không thuộc cơ quan này.", outside.QuerySelector("[data-valmsg-for='Form.Contributors']")!.TextContent.Trim());
        Assert.Equal(1, await TypeCountAsync(w.AgencyId));

        form.Remove("Form.Contributors");
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, form, page + "&handler=Save")).StatusCode);
        Assert.Equal(2, await TypeCountAsync(w.AgencyId));
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, other.AgencyId, other.UnitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(stranger, $"/reports/types?agency={other.AgencyId}", form, page + "&handler=Save")).StatusCode);
    }

    [Fact]
    public async Task A_digital_transformation_duty_from_a_task_is_owed_by_its_units_each_quarter_with_its_own_matrix_and_consolidated_report()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var planner = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var inspector = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var samples = await (await office.GetAsync("/reports/types/samples.json")).Content.ReadAsByteArrayAsync();
        await PostJsonAsync(office, "/api/report-types/import?apply=true", samples);
        var cds = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportType>().SingleAsync(t => t.AgencyId == w.AgencyId && t.Code == "CDS"));

        // The plan review offers the duty on the task that speaks of it, with the type its words point to.
        var review = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}"));
        var offer = review.QuerySelector($"[data-testid=create-report] input[name=taskId][value='{w.DtTask}']")!.ParentElement!;
        Assert.Equal(cds.Id.ToString(), ((AngleSharp.Html.Dom.IHtmlSelectElement)offer.QuerySelector("select")!).Value);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(planner, $"/plans/{w.PlanId}", new() { ["typeId"] = cds.Id.ToString(), ["taskId"] = w.DtTask.ToString() }, $"/plans/{w.PlanId}?handler=Report")).StatusCode);
        var created = await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}", new() { ["typeId"] = cds.Id.ToString(), ["taskId"] = w.DtTask.ToString() }, $"/plans/{w.PlanId}?handler=Report");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var matrixUrl = created.Headers.Location!.ToString();
        var again = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}", new() { ["typeId"] = cds.Id.ToString(), ["taskId"] = w.DtTask.ToString() }, $"/plans/{w.PlanId}?handler=Report"));
        Assert.Contains("Đã có nghĩa vụ", again.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);

        var periods = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().Where(p => p.PlanId == w.PlanId && p.ObligationId != w.CchcObligation)
            .OrderBy(p => p.WindowEnd).ToListAsync());
        Assert.Equal([PeriodKind.Quarter1, PeriodKind.Quarter2, PeriodKind.Quarter3, PeriodKind.Quarter4], periods.Select(p => p.Kind));
        // Q3 ends on Wednesday 30/09: due five working days later, 07/10; the units three working days before, 02/10.
        var q3 = periods[2];
        Assert.Equal((new DateOnly(2026, 10, 7), new DateOnly(2026, 10, 2)), (q3.ProvinceDueDate, q3.InternalDueDate));
        var q4 = periods[3];

        // The task's lead and supporting units owe it; the office, which has no part in the task, does not.
        var matrix = await SiparFactory.HtmlAsync(await office.GetAsync(matrixUrl));
        Assert.Equal("Báo cáo kết quả chuyển đổi số", matrix.QuerySelector("[data-testid=obligation-name]")!.TextContent.Trim());
        Assert.NotNull(matrix.QuerySelector("td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Quarter3']"));
        Assert.NotNull(matrix.QuerySelector("td[data-unit='Thanh tra Sở'][data-period='Quarter3']"));
        Assert.Null(matrix.QuerySelector("td[data-unit='Văn phòng Sở']"));

        // "My tasks" lists the unit's CDS periods next to its CCHC ones, with the type named.
        var mine = (await SiparFactory.HtmlAsync(await planner.GetAsync("/my-tasks"))).QuerySelectorAll("[data-testid=report-link]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Contains(mine, l => l.StartsWith("Quý I (", StringComparison.Ordinal));
        Assert.Contains(mine, l => l.StartsWith("CDS Quý III (02/10)", StringComparison.Ordinal));

        // Today (01/12) Q3 is past: the planning unit sends it late, the inspectorate never; both send Q4 on time.
        await SubmitAsync(planner, q3.Id, w.Planning, "Đã số hóa 60% hồ sơ lưu trữ.");
        await SubmitAsync(planner, q4.Id, w.Planning, "Phòng KH-TC: 100% văn bản đi ký số.");
        await SubmitAsync(inspector, q4.Id, w.Inspectorate, "Thanh tra Sở: kết nối hệ thống thanh tra trực tuyến.");
        matrix = await SiparFactory.HtmlAsync(await office.GetAsync(matrixUrl));
        Assert.Equal("Late", matrix.QuerySelector("td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Quarter3']")!.GetAttribute("data-state"));
        Assert.Equal("Missing", matrix.QuerySelector("td[data-unit='Thanh tra Sở'][data-period='Quarter3']")!.GetAttribute("data-state"));
        Assert.Equal("OnTime", matrix.QuerySelector("td[data-unit='Thanh tra Sở'][data-period='Quarter4']")!.GetAttribute("data-state"));

        // The CCHC report is untouched: its matrix is still the default, with its own four periods.
        var cchc = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/reports"));
        Assert.Equal("Báo cáo kết quả thực hiện công tác cải cách hành chính", cchc.QuerySelector("[data-testid=obligation-name]")!.TextContent.Trim());
        Assert.NotNull(cchc.QuerySelector("td[data-unit='Văn phòng Sở'][data-period='HalfYear']"));

        var sheet = DocumentChecks.ValidSheetText(await (await office.GetAsync($"/plans/{w.PlanId}/reports/{q3.ObligationId}/matrix.xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Muộn", sheet, StringComparison.Ordinal);
        Assert.Contains("Chưa gửi", sheet, StringComparison.Ordinal);

        foreach (var unitId in new[] { w.Planning, w.Inspectorate })
        {
            var url = $"/reports/{q4.Id}/{unitId}";
            Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, [], url + "?handler=Accept")).StatusCode);
        }

        var docx = DocumentChecks.ValidWordText(await (await office.GetAsync($"/reports/{q4.Id}/consolidated.docx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Kết quả chuyển đổi số quý IV năm 2026", docx, StringComparison.Ordinal);
        Assert.Matches(@"Số:\s+/BC-SLĐTBXH", docx);
        Assert.Contains("Phòng KH-TC: 100% văn bản đi ký số.", docx, StringComparison.Ordinal);
        Assert.Contains("Thanh tra Sở: kết nối hệ thống thanh tra trực tuyến.", docx, StringComparison.Ordinal);
        Assert.Contains("Sở Khoa học và Công nghệ (trước đây Sở Thông tin và Truyền thông) (b/c)", docx, StringComparison.Ordinal);
        Assert.DoesNotContain("Tình hình thực hiện nhiệm vụ theo nội dung", docx, StringComparison.Ordinal);

        // The dashboard and PAR INDEX's computed criterion can take one type: CDS has 2 of 8 owed reports on time
        // (quarters I–III past and not or late sent, quarter IV on time).
        var dashboard = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/dashboard?obligation={q3.ObligationId}"));
        Assert.Equal(("CDS", "25%"), (dashboard.QuerySelector("[data-testid=kpi-report-type]")!.TextContent.Trim(), dashboard.QuerySelector("[data-testid=kpi-on-time-reports]")!.TextContent.Trim()));
        var (qualified, all) = await app.WithServicesAsync(async sp =>
        {
            // As the office computing its self-assessment would.
            sp.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext
            {
                User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                    new System.Security.Claims.Claim[]
                    {
                        new(System.Security.Claims.ClaimTypes.Role, nameof(Role.Office)), new(Sipar.Infrastructure.Auth.SiparClaims.Agency, w.AgencyId.ToString()), new(Sipar.Infrastructure.Auth.SiparClaims.Unit, w.Office.ToString()),
                    },
                    "test")),
            };
            var computed = sp.GetRequiredService<Sipar.Modules.ParIndex.ComputedIndicators>();
            return (await computed.ComputeAsync("unit-reports-on-time:CDS", w.AgencyId, 2026, app.Today, CancellationToken.None),
                await computed.ComputeAsync("unit-reports-on-time", w.AgencyId, 2026, app.Today, CancellationToken.None));
        });
        Assert.Equal(("unit-reports-on-time:cds", 2, 8, 25m), (qualified.Source, qualified.OnTime, qualified.Counted, qualified.Percent));
        Assert.All(qualified.Rows, r => Assert.StartsWith("CDS · ", r.Label, StringComparison.Ordinal));
        Assert.True(all.Rows.Count > qualified.Rows.Count);
        Assert.Contains(all.Rows, r => r.Label == "Văn phòng Sở");

        var api = await office.GetFromJsonAsync<JsonElement>($"/api/plans/{w.PlanId}/report-obligations");
        Assert.Equal(["CCHC", "CDS"], api.EnumerateArray().Select(o => o.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_report_on_request_gets_the_periods_the_office_adds_with_the_due_date_counted_back_on_the_calendar()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        await PostJsonAsync(office, "/api/report-types/import?apply=true", await (await office.GetAsync("/reports/types/samples.json")).Content.ReadAsByteArrayAsync());
        var rsvb = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportType>().SingleAsync(t => t.AgencyId == w.AgencyId && t.Code == "RSVB"));
        var created = await office.PostAsJsonAsync($"/api/plans/{w.PlanId}/report-obligations", new ObligationInput(rsvb.Id, null));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var obligation = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var url = $"/plans/{w.PlanId}/reports?obligation={obligation}";
        Assert.Null((await SiparFactory.HtmlAsync(await office.GetAsync(url))).QuerySelector("td[data-period]"));

        var backwards = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, url, new() { ["windowStart"] = "2026-12-20", ["windowEnd"] = "2026-12-10", ["due"] = "2026-12-30" }, url + "&handler=Requested"));
        Assert.Equal("Ngày kết thúc kỳ phải sau ngày bắt đầu.", backwards.QuerySelector("[data-valmsg-for=WindowEnd]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, new() { ["windowStart"] = "2026-01-01", ["windowEnd"] = "2026-11-30", ["due"] = "2026-12-14" }, url + "&handler=Requested")).StatusCode);
        var period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().SingleAsync(p => p.ObligationId == obligation));
        // Three working days before Monday 14/12: 11, 10 and 09/12.
        Assert.Equal((PeriodKind.Requested, new DateOnly(2026, 12, 9)), (period.Kind, period.InternalDueDate));
        // No task: every unit of the agency owes it.
        Assert.NotNull((await SiparFactory.HtmlAsync(await office.GetAsync(url))).QuerySelector("td[data-unit='Văn phòng Sở'][data-period='Requested']"));
    }

    [Fact]
    public async Task A_database_of_the_previous_version_migrates_its_CCHC_periods_into_a_report_type_and_one_duty_per_plan()
    {
        await using var upgrade = await PreviousVersionDatabase.BeforeAsync(app, "ReportTypes");
        var (db, postgres) = (upgrade.Db, upgrade.Postgres);
        // Ids as each provider writes them (SQLite: upper-case text).
        string Id(string guid) => postgres ? guid : guid.ToUpperInvariant();
        var agency = Id("0195a000-0000-7000-8000-0000000000a1");
        var plan = Id("0195a000-0000-7000-8000-0000000000b1");
        var rows = $"""
            INSERT INTO org_agencies ("Id", "Name", "Symbol", "PlaceName", "Kind", "SearchName") VALUES ('{agency}', 'Sở Năm Trước', 'SNT', 'Lạng Sơn', 'Department', 'so nam truoc');
            INSERT INTO plans_plans ("Id", "AgencyId", "CreatedAt", "Purposes", "Recipients", "Requirements", "SearchTitle", "SourceText", "Status", "Title", "Version", "Year")
            VALUES ('{plan}', '{agency}', '2026-01-05 00:00:00', '[]', '[]', '[]', 'ke hoach', '', 'Issued', 'Kế hoạch', 0, 2026);
            INSERT INTO plans_reporting_periods ("Id", "PlanId", "Kind", "WindowStart", "WindowEnd", "ProvinceDueDate", "InternalDueDate") VALUES
            ('{Id("0195a000-0000-7000-8000-0000000000c1")}', '{plan}', 'Quarter1', '2025-12-15', '2026-03-14', '2026-03-20', '2026-03-13'),
            ('{Id("0195a000-0000-7000-8000-0000000000c2")}', '{plan}', 'Year', '2025-12-15', '2026-12-14', '2026-12-20', '2026-12-11');
            """;
        await db.Database.ExecuteSqlRawAsync(rows);

        await upgrade.MigrateAsync();
        var type = await db.Set<ReportType>().SingleAsync(t => t.AgencyId == Guid.Parse(agency));
        Assert.Equal((ReportType.CchcCode, true, Periodicity.Quarterly), (type.Code, type.ReportsOnPlan, type.Periodicity));
        Assert.Equal(4, ReportSchedule.ParseSchedule(type.Schedule).Count);
        var obligation = await db.Set<ReportObligation>().SingleAsync(o => o.PlanId == Guid.Parse(plan));
        Assert.Equal(type.Id, obligation.TypeId);
        var periods = await db.Set<ReportingPeriod>().Where(p => p.PlanId == Guid.Parse(plan)).ToListAsync();
        Assert.Equal(2, periods.Count);
        Assert.All(periods, p => Assert.Equal(obligation.Id, p.ObligationId));
        Assert.Equal(new DateOnly(2026, 12, 11), periods.Single(p => p.Kind == PeriodKind.Year).InternalDueDate);
    }

    private static async Task SubmitAsync(HttpClient client, Guid periodId, Guid unitId, string narrative)
    {
        var url = $"/reports/{periodId}/{unitId}";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(client, url, new() { ["Narrative"] = narrative }, url + "?handler=Submit")).StatusCode);
    }

    private static async Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return await client.PostAsync(url, content);
    }

    private static async Task<List<string>> LinesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray()
            .Select(l => l.GetProperty("code").GetString() + ":" + (l.GetProperty("action").ValueKind == JsonValueKind.Null ? "error" : l.GetProperty("action").ToString())).ToList();
    }

    private Task<int> TypeCountAsync(Guid agencyId) => app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportType>().CountAsync(t => t.AgencyId == agencyId));

    private sealed record World(Guid AgencyId, Guid Office, Guid Inspectorate, Guid Planning, Guid PlanId, Guid DtTask, Guid CchcObligation);

    private async Task<World> WorldAsync()
    {
        var p = await IssuedPlans.CreateAsync(app, "Tham mưu báo cáo định kỳ về kết quả chuyển đổi số của Sở.");
        var cchc = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportObligation>().Where(o => o.PlanId == p.PlanId).Select(o => o.Id).SingleAsync());
        return new World(p.AgencyId, p.Office, p.Inspectorate, p.Planning, p.PlanId, p.TaskId, cchc);
    }
}

public sealed class ReportTypesTestsOnSqlite(SqliteFactory app) : ReportTypesTests<SqliteFactory>(app);

public sealed class ReportTypesTestsOnPostgres(PostgresFactory app) : ReportTypesTests<PostgresFactory>(app);
