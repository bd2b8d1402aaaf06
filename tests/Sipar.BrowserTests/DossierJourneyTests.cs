using Microsoft.Playwright;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;

namespace Sipar.BrowserTests;

public sealed class DossierJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Receive_ask_for_documents_complete_process_apologise_in_time_return_then_the_citizen_looks_it_up_on_a_phone_without_javascript_and_rates_it()
    {
        // Tuesday 01/12/2026, 09:00 in Việt Nam: the desk is open.
        var w = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở Lao động {Guid.NewGuid():N}"[..24], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department, null, "0205 3812 345", "mot-cua@test.sipar"), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var jobs = await admin.AddUnitAsync(agency, new("Phòng Việc làm", "VL", UnitKind.Division, null), CancellationToken.None);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(Procedure.Create(agency, new ProcedureInput("1.004227", "Cấp giấy phép lao động", "Việc làm", jobs, 5, TimeLimitUnit.WorkingDays, new TimeOnly(15, 0),
                "Đơn đề nghị\nBản sao hộ chiếu", 600_000, OnlineLevel.Partial, null), fixture.App.UtcNow));
            await db.SaveChangesAsync();
            return (agency, office, jobs);
        });
        var desk = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.DeskOfficer, w.agency, w.office, "Cán bộ Một cửa"));

        await desk.GotoAsync("/dossiers");
        await desk.GetByLabel("Người nộp", new() { Exact = true }).FillAsync("Nguyễn Thị Hoa");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận hồ sơ" }).ClickAsync();
        await desk.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/dossiers/[0-9a-f-]{36}$"));
        var dossierUrl = desk.Url;
        await desk.GetByLabel("Đơn đề nghị").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận, in giấy hẹn" }).ClickAsync();
        Assert.Contains("Hồ sơ còn thiếu: Bản sao hộ chiếu", await desk.GetByTestId("errors").TextContentAsync(), StringComparison.Ordinal);
        await desk.GetByLabel("Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)").FillAsync("Bản sao hộ chiếu");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Yêu cầu bổ sung" }).ClickAsync();
        Assert.Equal("chờ bổ sung", (await desk.GetByTestId("status").TextContentAsync())!.Trim());
        await desk.GetByRole(AriaRole.Button, new() { Name = "Đã bổ sung đủ" }).ClickAsync();
        await desk.GetByLabel("Đơn đề nghị").CheckAsync();
        await desk.GetByLabel("Bản sao hộ chiếu").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận, in giấy hẹn" }).ClickAsync();
        Assert.Equal("08/12/2026", (await desk.GetByTestId("appointment").TextContentAsync())!.Trim());
        var code = (await desk.GetByTestId("code").TextContentAsync())!.Trim();
        var secret = (await desk.GetByTestId("secret").TextContentAsync())!.Trim();
        await desk.GetByLabel("Đơn vị xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Phòng Việc làm" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Chuyển xử lý" }).ClickAsync();
        Assert.Equal("đang xử lý", (await desk.GetByTestId("status").TextContentAsync())!.Trim());

        // Two days before the appointment the unit sees it coming, writes the apology; the leader approves it in time, then signs.
        fixture.App.Clock.Advance(TimeSpan.FromDays(6));   // Monday 07/12, the working day before the appointment
        var officer = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.UnitOfficer, w.agency, w.jobs, "Chuyên viên Việc làm"));
        await officer.GotoAsync(dossierUrl);
        Assert.True(await officer.GetByTestId("apology-due").IsVisibleAsync());
        await officer.Locator("#apology-reason").FillAsync("Cần xác minh thêm với cơ quan công an");
        await officer.GetByLabel("Ngày hẹn trả mới").FillAsync("11/12/2026");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lập văn bản xin lỗi, gia hạn" }).ClickAsync();
        Assert.Contains("11/12/2026", await officer.GetByTestId("apology-pending").TextContentAsync(), StringComparison.Ordinal);
        var leader = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Leader, w.agency, w.office, "Giám đốc"));
        await leader.GotoAsync(dossierUrl);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Duyệt văn bản xin lỗi, gia hạn" }).ClickAsync();
        Assert.StartsWith("11/12/2026", (await leader.GetByTestId("appointment").TextContentAsync())!.Trim(), StringComparison.Ordinal);
        await officer.GotoAsync(dossierUrl);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Trình ký" }).ClickAsync();
        await leader.GotoAsync(dossierUrl);
        await leader.GetByRole(AriaRole.Button, new() { Name = "Ký duyệt" }).ClickAsync();
        desk = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.DeskOfficer, w.agency, w.office, "Cán bộ Một cửa"));
        await desk.GotoAsync(dossierUrl);
        await desk.GetByRole(AriaRole.Button, new() { Name = "Trả kết quả" }).ClickAsync();
        Assert.Equal("đã trả kết quả", (await desk.GetByTestId("status").TextContentAsync())!.Trim());

        // The citizen, on a phone, without JavaScript: nothing for a wrong secret; with the right one, the status and the rating.
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, JavaScriptEnabled = false,
        });
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync("/");
        await citizen.GetByTestId("portal-entries").GetByRole(AriaRole.Link, new() { Name = "Tra cứu hồ sơ" }).ClickAsync();
        await citizen.GetByLabel("Mã hồ sơ").FillAsync(code);
        await citizen.GetByLabel("Mã tra cứu").FillAsync("ZZZZZZ");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        Assert.True(await citizen.GetByTestId("not-found").IsVisibleAsync());
        await citizen.GetByLabel("Mã tra cứu").FillAsync(secret);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        Assert.Equal("đã trả kết quả", (await citizen.GetByTestId("status").TextContentAsync())!.Trim());
        Assert.Contains("0205 3812 345", await citizen.GetByTestId("contact").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("0205 3812 345", await citizen.GetByTestId("citizen-contact").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await citizen.Locator("script").CountAsync());
        await citizen.GetByLabel("5 — Rất hài lòng").CheckAsync();
        await citizen.GetByLabel("Số lần phải đi lại").FillAsync("2");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Đánh giá sự hài lòng" }).ClickAsync();
        Assert.True(await citizen.GetByTestId("thanks").IsVisibleAsync());
        Assert.Equal(0, await citizen.GetByTestId("rate-form").CountAsync());
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dossier-lookup-phone.png"), FullPage = true });

        // The figures changed: finished early (07/12 against the new date 11/12), one apology issued in time.
        var figures = await fixture.App.WithServicesAsync(sp => sp.GetRequiredService<IDossierRecords>().FiguresAsync(w.agency, new(2026, 12, 1), new(2026, 12, 31), CancellationToken.None));
        Assert.Equal((1, 1, 1, 1, 1), (figures.Received, figures.FinishedEarly, figures.Supplements, figures.Apologies, figures.ApologiesOnTime));
        Assert.Equal(100m, figures.SatisfactionRate);

        // The desk's own indicators page draws both charts for the month, under the same content policy.
        await desk.GotoAsync("/dossiers/indicators?Period=Month&Year=2026&Number=12&By=Procedure");
        await desk.WaitForFunctionAsync("document.querySelectorAll('canvas.sipar-chart[data-drawn=true]').length === 2");
        Assert.Equal("1", (await desk.GetByTestId("received").TextContentAsync())!.Trim());
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dossier-indicators.png"), FullPage = true });
        await fixture.AssertCleanAsync();
    }

    [Fact]
    public async Task The_office_imports_its_procedure_list_through_the_mapping_page_and_a_citizen_reads_it_on_a_phone_without_javascript()
    {
        var (agency, office) = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở Tư pháp {Guid.NewGuid():N}"[..24], "STP", "Lạng Sơn", AgencyKind.Department, null, "0205 3870 123", "motcua@stp.test.sipar"), CancellationToken.None);
            return (id, await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None));
        });
        var page = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Office, agency, office, "Văn phòng Sở Tư pháp"));
        var file = Path.Combine(Path.GetTempPath(), $"thu-tuc-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "Mã số,Tên TTHC,Lĩnh vực,Số ngày thụ lý,Mức độ,Quy trình\n" +
            "2.000815,Chứng thực bản sao từ bản chính,Chứng thực,Trong ngày,Toàn trình,\n" +
            "1.008914,Cấp phiếu lý lịch tư pháp,Lý lịch tư pháp,10 ngày làm việc,Một phần,\"Tiếp nhận | 1; Tra cứu, xác minh | 7; Ký, trả kết quả | 2\"\n");
        await page.GotoAsync("/dossiers/procedures");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập danh mục thủ tục" }).ClickAsync();
        await page.GetByLabel("Tệp").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đọc tiêu đề cột" }).ClickAsync();
        // "Số ngày thụ lý" is this province's name for the time limit: guessed, shown, and the preview counts both rows.
        Assert.Equal("Số ngày thụ lý", (await page.Locator("#map-timeLimit option:checked").TextContentAsync())!.Trim());
        Assert.Contains("2 dòng: 2 thêm mới", await page.GetByTestId("import-summary").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("procedure-import.png"), FullPage = true });
        await page.GetByTestId("import-apply").ClickAsync();
        await page.WaitForURLAsync("**/dossiers/procedures");
        Assert.Contains("1.008914", await page.GetByTestId("procedures").TextContentAsync(), StringComparison.Ordinal);
        File.Delete(file);

        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, JavaScriptEnabled = false,
        });
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync($"/co-quan/{agency}");
        Assert.Contains("0205 3870 123", await citizen.GetByTestId("citizen-contact").TextContentAsync(), StringComparison.Ordinal);
        await citizen.GetByTestId("portal-entries").GetByRole(AriaRole.Link, new() { Name = "Danh mục thủ tục hành chính" }).ClickAsync();
        await citizen.GetByLabel("Tìm thủ tục").FillAsync("ly lich tu phap");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        await citizen.GetByRole(AriaRole.Link, new() { Name = "1.008914 — Cấp phiếu lý lịch tư pháp" }).ClickAsync();
        Assert.Equal(3, await citizen.GetByTestId("steps").Locator("tbody tr").CountAsync());
        Assert.True(await citizen.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the procedure page is wider than the phone");
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("procedure-phone.png"), FullPage = true });
        await fixture.AssertCleanAsync();
    }

    [Fact]
    public async Task On_a_phone_the_desk_sees_originals_and_copies_accepts_and_hands_over_for_a_chosen_step_with_its_deadline()
    {
        // The clock stays where the other journey left it; an online dossier is received whatever the day.
        var w = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở Lao động {Guid.NewGuid():N}"[..24], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var labour = await admin.AddUnitAsync(agency, new("Phòng Lao động", "LĐ", UnitKind.Division, null), CancellationToken.None);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(Procedure.Create(agency, new ProcedureInput("1.000105", "Đăng ký nội quy lao động", "Lao động", labour, 5, TimeLimitUnit.WorkingDays, new TimeOnly(15, 0),
                "Văn bản đề nghị | 1 bản chính\nNội quy lao động | 1 bản chính | 2 bản sao", 0, OnlineLevel.Full, null,
                Steps: "Tiếp nhận, chuyển hồ sơ | 0,5\nThẩm định hồ sơ | 3\nTrình ký, trả kết quả | 1,5"), fixture.App.UtcNow));
            await db.SaveChangesAsync();
            return (agency, office);
        });
        var desk = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.DeskOfficer, w.agency, w.office, "Cán bộ Một cửa"), width: 390);

        await desk.GotoAsync("/dossiers");
        await desk.GetByLabel("Người nộp", new() { Exact = true }).FillAsync("Công ty TNHH Hoa Sen");
        await desk.GetByLabel("Hình thức nộp").SelectOptionAsync(new SelectOptionValue { Label = "Trực tuyến" });
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận hồ sơ" }).ClickAsync();
        await desk.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/dossiers/[0-9a-f-]{36}$"));

        // The checklist says how many originals and copies; both documents accepted.
        await Assertions.Expect(desk.GetByTestId("accept-form")).ToContainTextAsync("Nội quy lao động (1 bản chính, 2 bản sao)");
        await desk.GetByLabel("Văn bản đề nghị").CheckAsync();
        await desk.GetByLabel("Nội quy lao động").CheckAsync();
        await desk.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận, in giấy hẹn" }).ClickAsync();
        var appointment = (await desk.GetByTestId("appointment").TextContentAsync())!.Trim();

        // The step plan, the last step due on the appointment date; the first step proposed, the second chosen.
        var plan = desk.GetByTestId("step-plan");
        await Assertions.Expect(plan.Locator("tbody tr")).ToHaveCountAsync(3);
        await Assertions.Expect(plan.Locator("tbody tr").Nth(0)).ToContainTextAsync("0,5");   // shares written the Vietnamese way
        await Assertions.Expect(plan.Locator("tbody tr").Nth(2)).ToContainTextAsync(appointment);
        await Assertions.Expect(desk.Locator("#Step")).ToHaveValueAsync("0");
        await desk.GetByLabel("Đơn vị xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Phòng Lao động" });
        await desk.Locator("#Step").SelectOptionAsync("1");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Chuyển xử lý" }).ClickAsync();
        Assert.Equal("đang xử lý", (await desk.GetByTestId("status").TextContentAsync())!.Trim());
        await Assertions.Expect(desk.Locator("body")).ToContainTextAsync("Thẩm định hồ sơ");
        Assert.True(await desk.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the dossier page is wider than the phone");
        await desk.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("dossier-steps-phone.png"), FullPage = true });
        await fixture.AssertCleanAsync();
    }
}
