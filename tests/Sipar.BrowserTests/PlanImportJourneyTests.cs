using Microsoft.Playwright;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.BrowserTests;

public sealed class PlanImportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_office_uploads_the_seed_reviews_the_draft_fixes_a_lead_and_saves_the_plan()
    {
        var (agencyId, officeId) = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            return (id, office);
        });
        var user = await fixture.App.CreateUserAsync(Role.Office, agencyId, officeId, "Nguyễn Thị Hà");
        var page = await fixture.SignInAsync(user);

        await page.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập kế hoạch" }).ClickAsync();
        await page.Locator("#upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        await page.Locator("[data-testid=review-form]").WaitForAsync();
        Assert.Equal(6, await page.Locator("[data-testid=review-form] fieldset[data-testid^=section-]").CountAsync());
        Assert.Contains("Phạm Đức Huân", await page.Locator("[data-testid=plan-source]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("plan-review.png") });

        // The reviewer clears section II.2's lead by mistake: saving is refused and names the section.
        await page.Locator("#s1-lead").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp kế hoạch" }).ClickAsync();
        await page.Locator("[data-testid=lead-error-1]").GetByText("Mục II.2 chưa có đơn vị chủ trì.").WaitForAsync();

        await page.Locator("#s1-lead").SelectOptionAsync(new SelectOptionValue { Label = " Thanh tra Sở" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp kế hoạch" }).ClickAsync();
        await page.WaitForURLAsync("**/plans/*-*");
        Assert.Equal(29, await page.Locator("[data-testid=task]").CountAsync());
        Assert.Equal("Thanh tra Sở", (await page.Locator("[data-testid=plan-section] [data-testid=lead]").Nth(1).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("plan-saved.png"), FullPage = false });
        await fixture.AssertCleanAsync();
    }

    [Fact]
    public async Task The_plan_runs_from_import_to_a_unit_report_the_matrix_the_consolidated_docx_and_the_dashboard()
    {
        var (agencyId, office, inspectorate) = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var vp = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var ttr = await admin.AddUnitAsync(id, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            return (id, vp, ttr);
        });
        var officeUser = await fixture.App.CreateUserAsync(Role.Office, agencyId, office, "Nguyễn Thị Hà");
        var unitUser = await fixture.App.CreateUserAsync(Role.UnitOfficer, agencyId, inspectorate, "Hoàng Văn Tú");
        var leaderUser = await fixture.App.CreateUserAsync(Role.Leader, agencyId, office, "Lãnh đạo Sở");

        // The office imports the seed, saves it and issues it.
        var officePage = await fixture.SignInAsync(officeUser);
        await officePage.GotoAsync("/plans/import");
        await officePage.Locator("#upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp kế hoạch" }).ClickAsync();
        await officePage.WaitForURLAsync("**/plans/*-*");
        var planUrl = officePage.Url;
        await officePage.Locator("#IssueNumber").FillAsync("123");
        await officePage.Locator("#IssueDate").FillAsync("05/08/2022");
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Ban hành kế hoạch" }).ClickAsync();
        await Assertions.Expect(officePage.GetByTestId("confirm-step")).ToContainTextAsync("số 123, ngày 05/08/2022");
        await officePage.GetByTestId("confirm").ClickAsync();
        await officePage.GetByText("Đã ban hành kế hoạch.").WaitForAsync();

        // The inspectorate finds its task, reports it done, and submits its report for quarter I.
        var unitPage = await fixture.SignInAsync(unitUser);
        await unitPage.GotoAsync("/my-tasks");
        await unitPage.Locator("[data-testid=my-tasks] a").First.ClickAsync();
        await unitPage.Locator("#Status").SelectOptionAsync("Done");
        await unitPage.Locator("#Note").FillAsync("Đã hoàn thành báo cáo theo dõi thi hành pháp luật.");
        await unitPage.Locator("[data-testid=progress-form] button[type=submit]").ClickAsync();
        await unitPage.GetByText("Đã cập nhật nhiệm vụ.").WaitForAsync();
        Assert.Equal("Hoàn thành", (await unitPage.Locator("[data-testid=task-status]").InnerTextAsync()).Trim());
        await unitPage.GotoAsync("/my-tasks");
        await unitPage.Locator("[data-testid=report-link]").First.ClickAsync();
        await unitPage.Locator("#Narrative").FillAsync("Thanh tra Sở đã thực hiện đầy đủ các nhiệm vụ được giao trong quý I.");
        await unitPage.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo" }).ClickAsync();
        await unitPage.GetByText("Đã gửi báo cáo.").WaitForAsync();

        // The office sees it in the matrix and downloads the consolidated report.
        await officePage.GotoAsync(planUrl + "/reports");
        var cell = officePage.Locator("td[data-unit='Thanh tra Sở'][data-period='Quarter1']");
        Assert.Contains("Đã gửi", await cell.InnerTextAsync(), StringComparison.Ordinal);
        await cell.Locator("a").ClickAsync();
        await officePage.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận báo cáo" }).ClickAsync();
        await officePage.GetByText("Đã tiếp nhận báo cáo.").WaitForAsync();
        await officePage.GotoAsync(planUrl + "/reports");
        Assert.Contains("Đã tiếp nhận", await cell.InnerTextAsync(), StringComparison.Ordinal);
        await officePage.Locator("th a", new() { HasText = "Báo cáo tổng hợp" }).First.ClickAsync();
        var download = await officePage.RunAndWaitForDownloadAsync(() => officePage.Locator("[data-testid=download-docx]").ClickAsync());
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".docx");
        await download.SaveAsAsync(path);
        var text = Sipar.Testing.DocumentChecks.ValidWordText(await File.ReadAllBytesAsync(path));
        Assert.Contains("Thanh tra Sở đã thực hiện đầy đủ", text, StringComparison.Ordinal);
        File.Delete(path);

        // Leadership sees the charts.
        var leaderPage = await fixture.SignInAsync(leaderUser);
        await leaderPage.GotoAsync(planUrl + "/dashboard");
        await leaderPage.WaitForFunctionAsync("document.querySelectorAll('canvas.sipar-chart[data-drawn=true]').length === 3");
        await leaderPage.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("plan-dashboard.png"), FullPage = true });
        await fixture.AssertCleanAsync();
    }
}
