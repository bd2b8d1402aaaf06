using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// The office imports a published procedure list and a month of the province's one-stop export through the
/// mapping and preview pages and the CLI; re-imports change nothing; bad rows are named; the forms come out valid.
/// </summary>
public abstract class DossierImportTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private const string Procedures = ImportSteps.Procedures;

    [Fact]
    public async Task Procedures_are_mapped_previewed_and_imported_once_and_the_export_imports_back_unchanged()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, unitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/dossiers/import/procedures")).StatusCode);

        // A row whose time limit cannot be read is named with its row number; nothing is saved.
        var broken = Procedures + "3,1.009999,Thủ tục lỗi,Việc làm,tùy trường hợp,,,\n";
        var preview = await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", broken);
        Assert.Contains("3 dòng: 2 thêm mới, 0 cập nhật, 0 không đổi, 1 lỗi.", preview.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        var errorRow = preview.QuerySelectorAll("[data-testid=import-preview] tr.table-danger").Single();
        Assert.StartsWith("4", errorRow.Children[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("Không đọc được thời hạn «tùy trường hợp»", errorRow.TextContent, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("[data-testid=import-apply]"));
        Assert.Equal(0, await CountAsync<Procedure>(p => p.AgencyId == agencyId));

        // A file that is not what its name says is refused next to the file field.
        var token = await SiparFactory.AntiforgeryTokenAsync(office, "/dossiers/import/procedures");
        using (var fake = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Procedures)), "upload", "thu-tuc.xlsx" }, { new StringContent(token), "__RequestVerificationToken" } })
        {
            var refused = await SiparFactory.HtmlAsync(await office.PostAsync("/dossiers/import/procedures?handler=Read", fake));
            Assert.NotEmpty(refused.QuerySelector("[data-testid=upload-error]")!.TextContent.Trim());
            Assert.Null(refused.QuerySelector("[data-testid=mapping-form]"));
        }

        // The guessed mapping is shown; leaving a required field unmapped is refused next to it.
        preview = await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", Procedures);
        Assert.Equal("Thời hạn giải quyết", preview.QuerySelector("#map-timeLimit option[selected]")!.TextContent);
        var unmapped = await ImportSteps.StepAsync(office, "procedures", preview, "Preview", new() { ["Map[code]"] = "" });
        Assert.Contains("Trường bắt buộc «Mã» chưa được ghép", unmapped.QuerySelector("[data-testid=map-error-code]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<Procedure>(p => p.AgencyId == agencyId));

        var applied = await ImportSteps.StepResponseAsync(office, "procedures", preview, "Apply", []);
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var saved = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(p => p.AgencyId == agencyId).OrderBy(p => p.Code).ToListAsync());
        Assert.Equal(("1.001234", 15, TimeLimitUnit.WorkingDays, OnlineLevel.Full, 600000L, "Đơn đề nghị\nBản sao hộ chiếu"),
            (saved[0].Code, saved[0].TimeLimit, saved[0].TimeLimitUnit, saved[0].OnlineLevel, saved[0].Fee, saved[0].Documents));
        Assert.Equal((OnlineLevel.Partial, 0L), (saved[1].OnlineLevel, saved[1].Fee));

        // A list with the process: each step and its share, checked against the time limit, shown to citizens.
        var withSteps = "Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Quy trình\n" +
            "3.000789,Cấp lại giấy phép,Việc làm,05 ngày làm việc,\"Tiếp nhận | 0,5; Thẩm định | 3; Trình ký, trả kết quả | 1,5\"\n" +
            "3.000790,Gia hạn giấy phép,Việc làm,03 ngày làm việc,\"Thẩm định | 3; Trình ký | 1\"\n";
        var stepsPreview = await ImportSteps.UploadAsync(office, "procedures", "quy-trinh.csv", withSteps);
        Assert.Contains("Tổng thời gian các bước (4) vượt thời hạn giải quyết (3)", stepsPreview.QuerySelector("[data-testid=import-preview]")!.TextContent, StringComparison.Ordinal);
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "quy-trinh.csv", withSteps.Replace("Thẩm định | 3; Trình ký | 1", "Thẩm định | 2; Trình ký | 1", StringComparison.Ordinal)), "Apply", []);
        var reissue = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().SingleAsync(p => p.AgencyId == agencyId && p.Code == "3.000789"));
        var publicPage = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync($"/thu-tuc/{reissue.Id}"));
        Assert.Equal(3, publicPage.QuerySelectorAll("[data-testid=steps] tbody tr").Length);
        Assert.Contains("Thẩm định", publicPage.QuerySelector("[data-testid=steps]")!.TextContent, StringComparison.Ordinal);

        // The same file again: nothing to change. The export, imported back: nothing to change either.
        var again = await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", Procedures);
        Assert.Contains("2 dòng: 0 thêm mới, 0 cập nhật, 2 không đổi, 0 lỗi.", again.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        var export = await office.GetAsync("/dossiers/procedures?handler=Export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var xlsx = await export.Content.ReadAsByteArrayAsync();
        Assert.Contains("Cấp giấy phép lao động", DocumentChecks.ValidSheetText(xlsx), StringComparison.Ordinal);
        var roundTrip = await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.xlsx", xlsx);
        Assert.Contains("4 dòng: 0 thêm mới, 0 cập nhật, 4 không đổi, 0 lỗi.", roundTrip.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_of_the_province_export_imports_idempotently_names_bad_rows_and_counts_in_the_indicators()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", Procedures), "Apply", []);
        var p = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        // November 2026: three dossiers — one early, one late, one still open past its date; one online, one with a supplement.
        var month = $"Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Hình thức nộp,Bổ sung\n" +
            $"{p}-1,1.001234,02/11/2026 08:30,20/11/2026,18/11/2026,19/11/2026 10:00,Đã trả kết quả,Trực tuyến,\n" +
            $"{p}-2,Xác nhận thông tin hộ gia đình,03/11/2026,10/11/2026,12/11/2026,,Đã có kết quả,Trực tiếp,x\n" +
            $"{p}-3,2.000456,2026-11-20 14:00:00,2026-11-27,,,Đang xử lý,Trực tiếp,\n";

        // Bad rows are named, nothing is saved: an unreadable date, an unknown procedure, a code twice.
        var bad = month + $"{p}-4,1.001234,31/13/2026,20/11/2026,,,,,\n{p}-5,9.999999,05/11/2026,20/11/2026,,,,,\n{p}-1,1.001234,05/11/2026,20/11/2026,,,,,\n";
        var preview = await ImportSteps.UploadAsync(office, "dossiers", "thang-11.csv", bad);
        var errors = preview.QuerySelector("[data-testid=import-preview]")!.TextContent;
        Assert.Contains("Không đọc được ngày tiếp nhận «31/13/2026»", errors, StringComparison.Ordinal);
        Assert.Contains("Thủ tục «9.999999» không có trong danh mục", errors, StringComparison.Ordinal);
        Assert.Contains($"Mã {p}-1 trùng với dòng 2.", errors, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("[data-testid=import-apply]"));
        Assert.Equal(0, await CountAsync<Dossier>(d => d.AgencyId == agencyId));

        preview = await ImportSteps.UploadAsync(office, "dossiers", "thang-11.csv", month);
        Assert.Contains("3 dòng: 3 thêm mới, 0 cập nhật, 0 không đổi, 0 lỗi.", preview.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<Dossier>(d => d.AgencyId == agencyId));   // a preview saves nothing
        Assert.Equal(HttpStatusCode.Redirect, (await ImportSteps.StepResponseAsync(office, "dossiers", preview, "Apply", [])).StatusCode);
        Assert.Equal(3, await CountAsync<Dossier>(d => d.AgencyId == agencyId));

        // Re-importing the month changes nothing; a corrected row updates that dossier only.
        var again = await ImportSteps.UploadAsync(office, "dossiers", "thang-11.csv", month);
        Assert.Contains("3 dòng: 0 thêm mới, 0 cập nhật, 3 không đổi", again.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        var corrected = month.Replace("2026-11-20 14:00:00,2026-11-27,,,Đang xử lý", "2026-11-20 14:00:00,2026-11-27,2026-11-26,,Đã có kết quả", StringComparison.Ordinal);
        var update = await ImportSteps.UploadAsync(office, "dossiers", "thang-11.csv", corrected);
        Assert.Contains("3 dòng: 0 thêm mới, 1 cập nhật, 2 không đổi", update.QuerySelector("[data-testid=import-summary]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ImportSteps.StepResponseAsync(office, "dossiers", update, "Apply", [])).StatusCode);
        Assert.Equal(3, await CountAsync<Dossier>(d => d.AgencyId == agencyId));
        var runs = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ImportRun>().Where(r => r.AgencyId == agencyId && r.Kind == ImportKind.Dossiers).OrderBy(r => r.At).ToListAsync());
        Assert.Equal([(3, 0), (0, 1)], runs.Select(r => (r.Created, r.Updated)));
        var audited = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Audit.AuditEntry>().CountAsync(e => e.EntityType == nameof(ImportRun)));
        Assert.True(audited >= 4, $"{audited} audit entries of import runs");

        // An imported dossier is read-only at the desk.
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, unitId));
        var imported = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().Where(d => d.Code == p + "-2").Select(d => d.Id).SingleAsync());
        var refused = await desk.PostAsJsonAsync($"/api/dossiers/{imported}/return", new { delivery = "AtDesk" }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("nhập từ hệ thống một cửa của tỉnh", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // November's figures: 3 received; 1 early, 1 on... late (12 > 10), 1 early after the correction (26 < 27); online 1; one supplement.
        var f = await office.GetFromJsonAsync<DossierFigures>("/api/dossiers/indicators?from=2026-11-01&to=2026-11-30", SiparFactory.Json);
        Assert.Equal((3, 2, 1, 0, 1, 1), (f!.Received, f.FinishedEarly, f.FinishedLate, f.LateInProgress, f.Online, f.Supplements));
        Assert.Equal(66.67m, f.OnTimeRate);

        // The database's figures equal the reference computation over the same dossiers, whole and by procedure.
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var calendar = await sp.GetRequiredService<Sipar.Modules.Calendar.ICalendars>().GetAsync(CancellationToken.None);
            var facts = await DossierIndicators.Facts(db, agencyId, new(2026, 11, 1), new(2026, 11, 30)).ToListAsync();
            var reference = DossierIndicators.Compute(facts, new(2026, 11, 1), new(2026, 11, 30), app.Today, calendar);
            var sql = await DossierIndicators.QueryAsync(db, sp.GetRequiredService<DossierRollup>(), agencyId, new(2026, 11, 1), new(2026, 11, 30), app.Today, IndicatorBreakdown.None, CancellationToken.None);
            Assert.Equal(reference, sql.Single().Figures);
            var byProcedure = await DossierIndicators.QueryAsync(db, sp.GetRequiredService<DossierRollup>(), agencyId, new(2026, 11, 1), new(2026, 11, 30), app.Today, IndicatorBreakdown.Procedure, CancellationToken.None);
            Assert.Equal(["1.001234", "2.000456"], byProcedure.Select(r => r.Key));
            Assert.Equal(3, byProcedure.Sum(r => r.Figures.Received));
        });

        // A code that belongs to a dossier received at Sipar's own desk is refused, not overwritten.
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(x => x.AgencyId == agencyId && x.Code == "2.000456").Select(x => x.Id).SingleAsync());
        var created = await desk.PostAsJsonAsync("/api/dossiers", new { procedureId, applicantName = "Nguyễn Văn A", channel = "Desk" }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var deskCode = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().Where(d => d.AgencyId == agencyId && d.ImportRunId == null).Select(d => d.Code).SingleAsync());
        var clash = await ImportSteps.UploadAsync(office, "dossiers", "thang-12.csv", $"Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả\n{deskCode},2.000456,01/12/2026,08/12/2026\n");
        Assert.Contains($"Mã hồ sơ {deskCode} đã thuộc cơ quan khác hoặc là hồ sơ tiếp nhận tại Sipar", clash.QuerySelector("[data-testid=import-preview]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cli_imports_with_a_mapping_file_dry_runs_first_and_prints_the_indicators()
    {
        var symbol = "MC" + string.Concat(Guid.NewGuid().ToString("N")[..6].Where(char.IsAsciiLetter)).ToUpperInvariant();
        var (agencyId, unitId) = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở Một cửa {Guid.NewGuid():N}"[..30], symbol, "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            return (id, await admin.AddUnitAsync(id, new UnitInput("Văn phòng", "VP", UnitKind.Office, null), CancellationToken.None));
        });
        var dir = Path.Combine(app.DataDirectory, "cli-" + symbol);
        Directory.CreateDirectory(dir);
        var procedures = Path.Combine(dir, "thu-tuc.csv");
        await File.WriteAllTextAsync(procedures, Procedures);
        var (code, output, error) = await Cli("dossiers", "import-procedures", procedures, "--agency", symbol);
        Assert.True(code == 0, error);
        Assert.Contains("2 thêm mới", output, StringComparison.Ordinal);

        var p = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var file = Path.Combine(dir, "ho-so.csv");
        await File.WriteAllTextAsync(file, $"Ma,TTHC,Nhan,Hen\n{p}-1,1.001234,02/11/2026,20/11/2026\n{p}-2,2.000456,03/11/2026,10/11/2026\n");
        var mapping = Path.Combine(dir, "ghep-cot.json");
        await File.WriteAllTextAsync(mapping, """{"code": "Ma", "procedure": "TTHC", "received": "Nhan", "appointment": "Hen"}""");

        (code, output, error) = await Cli("dossiers", "import", file, "--agency", symbol);
        Assert.Equal(2, code);   // nothing guessable in these headers: the required fields are named
        Assert.Contains("Trường bắt buộc «Mã» chưa được ghép", error, StringComparison.Ordinal);
        (code, output, error) = await Cli("dossiers", "import", file, "--agency", symbol, "--mapping", mapping, "--dry-run");
        Assert.True(code == 0, error);
        Assert.Contains("2 dòng: 2 thêm mới", output, StringComparison.Ordinal);
        Assert.Contains("Chạy thử: chưa lưu gì.", output, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync<Dossier>(d => d.AgencyId == agencyId));
        (code, _, error) = await Cli("dossiers", "import", file, "--agency", symbol, "--mapping", mapping);
        Assert.True(code == 0, error);
        Assert.Equal(2, await CountAsync<Dossier>(d => d.AgencyId == agencyId));

        (code, output, error) = await Cli("dossiers", "indicators", "--agency", symbol, "--from", "2026-11-01", "--to", "2026-11-30", "--json");
        Assert.True(code == 0, error);
        Assert.Contains("\"received\": 2", output, StringComparison.Ordinal);
        (code, output, _) = await Cli("dossiers", "indicators", "--agency", symbol, "--from", "2026-11-01", "--to", "2026-11-30");
        Assert.Contains("Tiếp nhận mới: 2", output, StringComparison.Ordinal);
        _ = unitId;
    }

    [Fact]
    public async Task The_indicators_page_breaks_the_figures_down_exports_them_and_the_leadership_dashboard_names_what_is_due()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, agencyId, unitId));
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId));
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", Procedures), "Apply", []);
        var p = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        // Two still open on Tuesday 01/12: one past its date (30/11), one due tomorrow; one finished early in November.
        var rows = $"Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả\n{p}-1,1.001234,02/11/2026,30/11/2026,\n{p}-2,2.000456,25/11/2026,02/12/2026,\n{p}-3,2.000456,02/11/2026,09/11/2026,06/11/2026\n";
        Assert.Equal(HttpStatusCode.Redirect, (await ImportSteps.StepResponseAsync(office, "dossiers", await ImportSteps.UploadAsync(office, "dossiers", "ho-so.csv", rows), "Apply", [])).StatusCode);

        var page = await SiparFactory.HtmlAsync(await office.GetAsync("/dossiers/indicators?Period=Month&Year=2026&Number=11&By=Procedure"));
        Assert.Equal("3", page.QuerySelector("[data-testid=received]")!.TextContent.Trim());
        var breakdown = page.QuerySelectorAll("[data-testid=breakdown] tbody tr").Select(r => r.Children[0].TextContent.Trim()).ToList();
        Assert.Equal(["1.001234 — Cấp giấy phép lao động", "2.000456 — Xác nhận thông tin hộ gia đình"], breakdown);
        Assert.Equal(2, page.QuerySelectorAll("canvas.sipar-chart").Length);
        var trend = System.Text.Json.JsonDocument.Parse(page.QuerySelectorAll("canvas.sipar-chart")[1].GetAttribute("data-chart")!).RootElement;
        Assert.Equal("11/2026", trend.GetProperty("labels")[0].GetString());
        Assert.Equal("[[1,0,0]]", trend.GetProperty("values").GetRawText());   // one finished early in November
        var export = await office.GetAsync("/dossiers/indicators?Period=Month&Year=2026&Number=11&By=Field&handler=Export");
        var sheet = DocumentChecks.ValidSheetText(await export.Content.ReadAsByteArrayAsync());
        Assert.Contains("Bảo trợ xã hội", sheet, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ đúng hạn (%)", sheet, StringComparison.Ordinal);
        // An office sees only its own agency: the parameter is ignored.
        var theirs = await SiparFactory.HtmlAsync(await stranger.GetAsync($"/dossiers/indicators?Agency={agencyId}&Period=Month&Year=2026&Number=11"));
        Assert.Equal("0", theirs.QuerySelector("[data-testid=received]")!.TextContent.Trim());
        var json = await office.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/dossiers/indicators/breakdown?from=2026-11-01&to=2026-11-30&by=Field", SiparFactory.Json);
        Assert.Equal(2, json.GetProperty("rows").GetArrayLength());
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/dossiers/indicators/breakdown?agencyId={agencyId}&from=2026-11-01&to=2026-11-30&by=Field")).StatusCode);

        // The leadership dashboard: December so far, what is due tomorrow and what is late, linked to the register filtered so.
        var planId = await app.WithServicesAsync(async sp =>
        {
            var content = new Sipar.Modules.Plans.PlanContent(2026, null, "KH-STN", null, "Lạng Sơn", null, "Kế hoạch CCHC 2026", [], [], [],
                [new Sipar.Modules.Plans.SectionContent("II.1", "Chỉ đạo điều hành", unitId, false, [], ["Tham mưu báo cáo định kỳ."])], [], [], null, null, null);
            var plan = Sipar.Modules.Plans.Plan.CreateDraft(agencyId, content, new HashSet<Guid> { unitId }, app.UtcNow);
            plan.Issue("12", new DateOnly(2026, 1, 5));
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
        var dashboard = await SiparFactory.HtmlAsync(await leader.GetAsync($"/plans/{planId}/dashboard"));
        var card = dashboard.QuerySelector("[data-testid=one-stop]")!.TextContent;
        Assert.Contains("tỷ lệ đúng hạn 50% trên 2 hồ sơ phải giải quyết", card, StringComparison.Ordinal);
        Assert.Equal("1 hồ sơ sắp đến hạn", dashboard.QuerySelector("[data-testid=due-soon]")!.TextContent.Trim());
        Assert.Equal("1 hồ sơ đã quá hạn, chưa xong", dashboard.QuerySelector("[data-testid=late-open]")!.TextContent.Trim());
        var late = await SiparFactory.HtmlAsync(await leader.GetAsync("/dossiers?Due=late"));
        Assert.Equal([p + "-1"], late.QuerySelectorAll("[data-testid=register] tbody tr td:first-child").Select(c => c.TextContent.Trim()));
        var soon = await SiparFactory.HtmlAsync(await leader.GetAsync("/dossiers?Due=soon"));
        Assert.Equal([p + "-2"], soon.QuerySelectorAll("[data-testid=register] tbody tr td:first-child").Select(c => c.TextContent.Trim()));
    }

    private Task<(int Code, string Out, string Error)> Cli(params string[] args) => app.RunCliAsync(args);

    private Task<int> CountAsync<T>(System.Linq.Expressions.Expression<Func<T, bool>> where)
        where T : class =>
        app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<T>().CountAsync(where));

}

/// <summary>The import pages' steps as a person takes them: upload, then post the mapping form as shown.</summary>
internal static class ImportSteps
{
    internal const string Procedures =
        "STT,Mã TTHC,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Mức độ,\"Phí, lệ phí\",Thành phần hồ sơ\n" +
        "1,1.001234,Cấp giấy phép lao động,Việc làm,15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ,Mức độ 4,600.000 đồng,\"Đơn đề nghị; Bản sao hộ chiếu\"\n" +
        "2,2.000456,Xác nhận thông tin hộ gia đình,Bảo trợ xã hội,05 ngày làm việc,Một phần,Không,Tờ khai\n";

    internal static Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(HttpClient client, string kind, string name, string text) =>
        UploadAsync(client, kind, name, Encoding.UTF8.GetBytes(text));

    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadAsync(HttpClient client, string kind, string name, byte[] content)
    {
        var page = "/dossiers/import/" + kind;
        var token = await SiparFactory.AntiforgeryTokenAsync(client, page);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(content), "upload", name }, { new StringContent(token), "__RequestVerificationToken" } };
        var response = await client.PostAsync(page + "?handler=Read", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SiparFactory.HtmlAsync(response);
    }

    /// <summary>Posts the mapping form as shown (hidden file, every select's chosen value), with <paramref name="changes"/>.</summary>
    internal static async Task<HttpResponseMessage> StepResponseAsync(HttpClient client, string kind, AngleSharp.Html.Dom.IHtmlDocument shown, string handler, Dictionary<string, string> changes)
    {
        var form = shown.QuerySelector("[data-testid=mapping-form]")!;
        var fields = new Dictionary<string, string>
        {
            ["FileContent"] = form.QuerySelector("input[name=FileContent]")!.GetAttribute("value")!,
            ["FileName"] = form.QuerySelector("input[name=FileName]")!.GetAttribute("value")!,
        };
        foreach (var select in form.QuerySelectorAll("select"))
        {
            fields[select.GetAttribute("name")!] = select.QuerySelector("option[selected]")?.GetAttribute("value") ?? "";
        }

        foreach (var (k, v) in changes)
        {
            fields[k] = v;
        }

        var page = "/dossiers/import/" + kind;
        return await SiparFactory.PostFormAsync(client, page, fields, page + "?handler=" + handler);
    }

    internal static async Task<AngleSharp.Html.Dom.IHtmlDocument> StepAsync(HttpClient client, string kind, AngleSharp.Html.Dom.IHtmlDocument shown, string handler, Dictionary<string, string> changes) =>
        await SiparFactory.HtmlAsync(await StepResponseAsync(client, kind, shown, handler, changes));

}

/// <summary>The forms of a dossier at the desk, the citizen's notices and the apology prompt (its own clock: it moves days ahead).</summary>
public abstract class DossierFormsTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_forms_come_out_as_valid_documents_once_the_dossier_reached_them()
    {
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var deskUser = await app.CreateUserAsync(Role.DeskOfficer, agencyId, unitId);
        var desk = await app.SignedInClientAsync(deskUser);
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, (await app.CreateAgencyAsync()).AgencyId));
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", ImportSteps.Procedures), "Apply", []);
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(x => x.AgencyId == agencyId && x.Code == "2.000456").Select(x => x.Id).SingleAsync());
        var created = await desk.PostAsJsonAsync("/api/dossiers", new { procedureId, applicantName = "Trần Thị B", phone = "0912345678", channel = "Desk" }, SiparFactory.Json);
        var id = (await created.Content.ReadFromJsonAsync<IdResponse>(SiparFactory.Json))!.Id;

        // A dossier that came by post counts from when it arrived (Monday 30/11 16:00), never from a time to come.
        var future = await desk.PostAsJsonAsync("/api/dossiers", new { procedureId, applicantName = "Phạm D", channel = "Post", receivedAt = "2026-12-02T08:00:00" }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("không thể ở tương lai", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var byPost = await desk.PostAsJsonAsync("/api/dossiers", new { procedureId, applicantName = "Phạm D", channel = "Post", receivedAt = "2026-11-30T16:00:00" }, SiparFactory.Json);
        var postId = (await byPost.Content.ReadFromJsonAsync<IdResponse>(SiparFactory.Json))!.Id;
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{postId}/accept", new { documents = new[] { "Tờ khai" } }, SiparFactory.Json)).StatusCode);
        var posted = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().SingleAsync(d => d.Id == postId));
        Assert.Equal((new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), new DateOnly(2026, 12, 7)), (posted.ReceivedAt, posted.AppointmentDate));

        // Not accepted yet: no receipt. Asking for documents writes form 02.
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.GetAsync($"/api/dossiers/{id}/forms/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{id}/request-supplement", new { documents = new[] { "Tờ khai có xác nhận của thôn", "Bản sao căn cước" } }, SiparFactory.Json)).StatusCode);
        var request = DocumentChecks.ValidWordText(await (await desk.GetAsync($"/api/dossiers/{id}/forms/2")).Content.ReadAsByteArrayAsync());
        Assert.Contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", request, StringComparison.Ordinal);
        Assert.Contains("Mẫu số 02 – Thông tư 03/2025/TT-VPCP", request, StringComparison.Ordinal);
        Assert.Contains("Bản sao căn cước", request, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{id}/complete-supplement", new { }, SiparFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{id}/accept", new { documents = new[] { "Tờ khai" } }, SiparFactory.Json)).StatusCode);
        var receiptBytes = await (await desk.GetAsync($"/api/dossiers/{id}/forms/1")).Content.ReadAsByteArrayAsync();
        var receipt = DocumentChecks.ValidWordText(receiptBytes);
        var dossier = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().SingleAsync(d => d.Id == id));
        Assert.Contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", receipt, StringComparison.Ordinal);
        Assert.Contains("Mã hồ sơ: " + dossier.Code, receipt, StringComparison.Ordinal);
        Assert.Contains("mã tra cứu " + dossier.LookupSecret, receipt, StringComparison.Ordinal);
        Assert.Contains("Thời gian trả kết quả giải quyết hồ sơ: ngày 08/12/2026.", receipt, StringComparison.Ordinal);
        using (var doc = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(receiptBytes), false))
        {
            Assert.Single(doc.MainDocumentPart!.ImageParts);   // the QR code
        }

        // The citizen got the receipt by SMS (the logging sender keeps it); the unit is asked for the apology letter once, a working day ahead.
        var sms = app.Services.GetRequiredService<Sipar.Infrastructure.Sms.LoggingSmsSender>().Recent.Where(m => m.Phone == "0912345678").Select(m => m.Text).ToList();
        Assert.Contains(sms, t => t.Contains(dossier.Code, StringComparison.Ordinal) && t.Contains(dossier.LookupSecret, StringComparison.Ordinal) && t.Contains("08/12/2026", StringComparison.Ordinal));
        Assert.Contains(sms, t => t.Contains("cần bổ sung", StringComparison.Ordinal));
        // Handed to the unit and a named officer of it; an officer of another unit is refused with the reason.
        var outsider = await app.CreateUserAsync(Role.UnitOfficer, (await app.CreateAgencyAsync()).AgencyId);
        var wrongOfficer = await desk.PostAsJsonAsync($"/api/dossiers/{id}/assign", new { unitId, officerId = outsider.Id }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, wrongOfficer.StatusCode);
        Assert.Contains("không thuộc đơn vị", await wrongOfficer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{id}/assign", new { unitId, officerId = deskUser.Id }, SiparFactory.Json)).StatusCode);
        var assigned = await SiparFactory.HtmlAsync(await desk.GetAsync($"/dossiers/{id}"));
        Assert.Equal(deskUser.FullName, assigned.QuerySelector("[data-testid=officer]")!.TextContent.Trim());
        Assert.NotNull(assigned.QuerySelector($"#OfficerId option[value='{deskUser.Id}']"));
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<ApologyPrompter>().RunAsync(CancellationToken.None)));
        app.Clock.Advance(TimeSpan.FromDays(6));   // Mon 07/12, the working day before the appointment (the posted one is due today)
        Assert.Equal(2, await app.WithServicesAsync(sp => sp.GetRequiredService<ApologyPrompter>().RunAsync(CancellationToken.None)));
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<ApologyPrompter>().RunAsync(CancellationToken.None)));
        Assert.Contains(app.Smtp.Messages, m => m.To == deskUser.Email);
        desk = await app.SignedInClientAsync(deskUser);
        stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, (await app.CreateAgencyAsync()).AgencyId));

        var sheet = DocumentChecks.ValidWordText(await (await desk.GetAsync($"/api/dossiers/{id}/forms/6")).Content.ReadAsByteArrayAsync());
        Assert.Contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", sheet, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/dossiers/{id}/forms/1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await desk.GetAsync($"/api/dossiers/{id}/forms/3")).StatusCode);

        // The register (form 07) as .xlsx, with the page's filter.
        var register = await desk.GetAsync("/dossiers?handler=Export&From=2026-12-01&To=2026-12-01");
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Contains(dossier.Code, DocumentChecks.ValidSheetText(await register.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var none = await desk.GetAsync("/dossiers?handler=Export&From=2026-11-01&To=2026-11-30");
        Assert.DoesNotContain(dossier.Code, DocumentChecks.ValidSheetText(await none.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Citizens_pages_need_no_script_stay_light_and_show_the_agency_hotline_and_email()
    {
        var agencyId = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().CreateAsync(
            new AgencyInput($"Sở Tư pháp {Guid.NewGuid():N}"[..24], "STP", "Lạng Sơn", AgencyKind.Department, Hotline: "0205 3 812 345", Email: "motcua@stp.example.vn"), CancellationToken.None));
        var unitId = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().AddUnitAsync(agencyId, new UnitInput("Văn phòng", "VP", UnitKind.Office, null), CancellationToken.None));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", ImportSteps.Procedures), "Apply", []);
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(x => x.AgencyId == agencyId).Select(x => x.Id).FirstAsync());
        var citizen = app.NewClient();
        byte[]? css = null;
        foreach (var (url, agencyShown) in new[] { ("/", false), ($"/co-quan/{agencyId}", true), ($"/thu-tuc?Agency={agencyId}", true), ($"/thu-tuc/{procedureId}", true), ("/tra-cuu", false), ("/khao-sat", false),
            ($"/phan-anh?Agency={agencyId}", true), ("/phan-anh/tra-cuu", false), ($"/phan-anh/da-tra-loi?Agency={agencyId}", true) })
        {
            var response = await citizen.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            var page = await SiparFactory.HtmlAsync(response);
            Assert.Empty(page.QuerySelectorAll("script"));
            var sheet = Assert.Single(page.QuerySelectorAll("link[rel=stylesheet]")).GetAttribute("href")!;
            Assert.Matches("^/css/citizen[.a-z0-9]*\\.css", sheet);
            css ??= await citizen.GetByteArrayAsync(sheet);
            var weight = System.Text.Encoding.UTF8.GetByteCount(html) + css.Length;
            Assert.True(weight < 30_000, $"{url}: {weight} bytes");
            var foot = page.QuerySelector("[data-testid=citizen-contact]")!.TextContent;
            if (agencyShown)
            {
                Assert.Contains("0205 3 812 345", foot, StringComparison.Ordinal);
                Assert.Contains("motcua@stp.example.vn", foot, StringComparison.Ordinal);
            }
        }

        var portal = await SiparFactory.HtmlAsync(await citizen.GetAsync("/"));
        Assert.Contains("motcua@stp.example.vn", portal.QuerySelector("[data-testid=contacts]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/thu-tuc", "/tra-cuu", "/khao-sat", "/phan-anh", "/phan-anh/da-tra-loi"], portal.QuerySelectorAll("[data-testid=portal-entries] a").Select(a => a.GetAttribute("href")));
        var agencyPortal = await SiparFactory.HtmlAsync(await citizen.GetAsync($"/co-quan/{agencyId}"));
        Assert.Equal([$"/thu-tuc?Agency={agencyId}", "/tra-cuu", "/khao-sat", $"/phan-anh?Agency={agencyId}", $"/phan-anh/da-tra-loi?Agency={agencyId}"], agencyPortal.QuerySelectorAll("[data-testid=portal-entries] a").Select(a => a.GetAttribute("href")));
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync($"/co-quan/{Guid.NewGuid()}")).StatusCode);

        // The contacts are kept in memory for the public pages; a change is shown at once, not after the cache's lifetime.
        var name = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().GetAsync(agencyId, CancellationToken.None));
        await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().UpdateAsync(agencyId,
            new AgencyInput(name.Name, "STP", "Lạng Sơn", AgencyKind.Department, Hotline: "0205 3 999 000", Email: "motcua@stp.example.vn"), CancellationToken.None));
        var changed = await SiparFactory.HtmlAsync(await citizen.GetAsync($"/thu-tuc/{procedureId}"));
        Assert.Contains("0205 3 999 000", changed.QuerySelector("[data-testid=citizen-contact]")!.TextContent, StringComparison.Ordinal);
    }

    private sealed record IdResponse(Guid Id);
}

public sealed class DossierFormsTestsOnSqlite(SqliteFactory app) : DossierFormsTests<SqliteFactory>(app);

public sealed class DossierFormsTestsOnPostgres(PostgresFactory app) : DossierFormsTests<PostgresFactory>(app);

public sealed class DossierImportTestsOnSqlite(SqliteFactory app) : DossierImportTests<SqliteFactory>(app);

public sealed class DossierImportTestsOnPostgres(PostgresFactory app) : DossierImportTests<PostgresFactory>(app);
