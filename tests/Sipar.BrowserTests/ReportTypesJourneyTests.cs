using Microsoft.Playwright;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.BrowserTests;

public sealed class ReportTypesJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_office_creates_a_digital_transformation_duty_from_the_plan_two_units_contribute_one_late_and_the_docx_lists_both()
    {
        var year = fixture.App.Today.Year;
        var (agencyId, office, inspectorate, planning, planId, taskId) = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var vp = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var ttr = await admin.AddUnitAsync(id, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            var kh = await admin.AddUnitAsync(id, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var content = new PlanContent(year, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, $"Kế hoạch cải cách hành chính năm {year}", [], [], [],
                [
                    new SectionContent("II.1", "Cải cách thể chế", vp, false, [], ["Ban hành kế hoạch rà soát văn bản."]),
                    new SectionContent("II.5", "Hiện đại hóa hành chính", kh, false, [ttr],
                        ["Tham mưu ban hành các báo cáo định kỳ về kết quả chuyển đổi số, gửi Sở Thông tin và Truyền thông đảm bảo chất lượng và thời gian theo yêu cầu."]),
                ], [], [], null, null, null);
            var plan = Plan.CreateDraft(id, content, new HashSet<Guid> { vp, ttr, kh }, fixture.App.UtcNow);
            var db = sp.GetRequiredService<Sipar.Infrastructure.Data.SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            return (id, vp, ttr, kh, plan.Id, plan.Sections[1].Tasks[0].Id);
        });
        var officeUser = await fixture.App.CreateUserAsync(Role.Office, agencyId, office, "Nguyễn Thị Hà");
        var planner = await fixture.App.CreateUserAsync(Role.UnitOfficer, agencyId, planning, "Lê Văn Kế");
        var inspector = await fixture.App.CreateUserAsync(Role.UnitOfficer, agencyId, inspectorate, "Hoàng Văn Tú");

        // The office issues the plan and imports the sample report types (preview, then confirm).
        var officePage = await fixture.SignInAsync(officeUser);
        await officePage.GotoAsync($"/plans/{planId}");
        await officePage.Locator("#IssueNumber").FillAsync("12");
        await officePage.Locator("#IssueDate").FillAsync($"05/01/{year}");
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Ban hành kế hoạch" }).ClickAsync();
        await officePage.GetByTestId("confirm").ClickAsync();
        await officePage.GetByText("Đã ban hành kế hoạch.").WaitForAsync();
        var samples = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json");
        await File.WriteAllBytesAsync(samples, ReportTypes.Samples());
        await officePage.GotoAsync("/reports/types");
        await officePage.Locator("#upload").SetInputFilesAsync(samples);
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await Assertions.Expect(officePage.GetByTestId("import-preview")).ToContainTextAsync("CDS");
        await officePage.GetByTestId("apply-import").ClickAsync();
        await officePage.GetByText("Đã nhập 6 loại báo cáo.").WaitForAsync();
        File.Delete(samples);

        // On the plan review, the task that speaks of digital-transformation reports offers the type; one click makes the duty.
        await officePage.GotoAsync($"/plans/{planId}");
        var offer = officePage.GetByTestId("create-report").First;
        Assert.StartsWith("CDS", (await offer.Locator("select option:checked").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await offer.GetByRole(AriaRole.Button, new() { Name = "Tạo báo cáo" }).ClickAsync();
        await officePage.GetByText("Đã tạo nghĩa vụ báo cáo.").WaitForAsync();
        await Assertions.Expect(officePage.GetByTestId("obligation-name")).ToHaveTextAsync("Báo cáo kết quả chuyển đổi số");
        var matrixUrl = officePage.Url;

        // The inspectorate sends its quarter IV part in time.
        var inspectorPage = await fixture.SignInAsync(inspector);
        await inspectorPage.GotoAsync(matrixUrl);
        await inspectorPage.Locator("td[data-unit='Thanh tra Sở'][data-period='Quarter4'] a").ClickAsync();
        await inspectorPage.Locator("#Narrative").FillAsync("Thanh tra Sở đã kết nối hệ thống thanh tra trực tuyến.");
        await inspectorPage.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await inspectorPage.GetByText("Đã gửi báo cáo.").WaitForAsync();

        // Forty days later (10/01), past the units' due date early in January, the planning unit sends its part: late.
        fixture.App.Clock.Advance(TimeSpan.FromDays(40));
        // On a phone, as unit officers often are: the matrix, the report form and the task's checklist.
        var plannerPage = await fixture.SignInAsync(planner, width: 390);
        await plannerPage.GotoAsync(matrixUrl);
        await plannerPage.Locator("td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Quarter4'] a").ClickAsync();
        await plannerPage.Locator("#Narrative").FillAsync("Phòng KH-TC: 100% văn bản đi được ký số.");
        await plannerPage.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await plannerPage.GetByText("Đã gửi báo cáo.").WaitForAsync();
        await plannerPage.GotoAsync($"/tasks/{taskId}/checklist");
        await Assertions.Expect(plannerPage.Locator("h1")).ToHaveTextAsync("Danh mục kiểm tra");

        officePage = await fixture.SignInAsync(officeUser, width: 390);
        await officePage.GotoAsync("/reports/types");
        await Assertions.Expect(officePage.GetByTestId("report-types")).ToContainTextAsync("CDS");
        await officePage.GotoAsync(matrixUrl);
        Assert.Equal("OnTime", await officePage.Locator("td[data-unit='Thanh tra Sở'][data-period='Quarter4']").GetAttributeAsync("data-state"));
        Assert.Equal("Late", await officePage.Locator("td[data-unit='Phòng Kế hoạch – Tài chính'][data-period='Quarter4']").GetAttributeAsync("data-state"));
        foreach (var unit in new[] { "Thanh tra Sở", "Phòng Kế hoạch – Tài chính" })
        {
            await officePage.GotoAsync(matrixUrl);
            await officePage.Locator($"td[data-unit='{unit}'][data-period='Quarter4'] a").ClickAsync();
            await officePage.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận báo cáo" }).ClickAsync();
            await officePage.GetByText("Đã tiếp nhận báo cáo.").WaitForAsync();
        }

        await officePage.GotoAsync(matrixUrl);
        await officePage.Locator("th a", new() { HasText = "Báo cáo tổng hợp" }).Last.ClickAsync();
        var download = await officePage.RunAndWaitForDownloadAsync(() => officePage.Locator("[data-testid=download-docx]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".docx");
        await download.SaveAsAsync(path);
        var text = Sipar.Testing.DocumentChecks.ValidWordText(await File.ReadAllBytesAsync(path));
        File.Delete(path);
        Assert.Contains($"Kết quả chuyển đổi số quý IV năm {year}", text, StringComparison.Ordinal);
        Assert.Contains("Thanh tra Sở đã kết nối hệ thống thanh tra trực tuyến.", text, StringComparison.Ordinal);
        Assert.Contains("Phòng KH-TC: 100% văn bản đi được ký số.", text, StringComparison.Ordinal);
        Assert.Contains("Muộn", text, StringComparison.Ordinal);
        Assert.Contains("Đúng hạn", text, StringComparison.Ordinal);
        await fixture.AssertCleanAsync();
    }
}
