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
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(user.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.BaseUrl + "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Kế hoạch", Exact = true }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập kế hoạch" }).ClickAsync();
        await page.Locator("#upload").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();

        await page.Locator("[data-testid=review-form]").WaitForAsync();
        Assert.Equal(6, await page.Locator("[data-testid=review-form] fieldset").CountAsync());
        Assert.Contains("Phạm Đức Huân", await page.Locator("[data-testid=plan-source]").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("plan-review.png") });

        // The reviewer clears section II.2's lead by mistake: saving is refused and names the section.
        await page.Locator("#s1-lead").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp kế hoạch" }).ClickAsync();
        await page.Locator("[data-testid=lead-error-1]").GetByText("Mục II.2 chưa có đơn vị chủ trì.").WaitForAsync();

        await page.Locator("#s1-lead").SelectOptionAsync(new SelectOptionValue { Label = " Thanh tra Sở" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu bản nháp kế hoạch" }).ClickAsync();
        await page.WaitForURLAsync("**/plans/*-*");
        Assert.Equal(29, await page.Locator("[data-testid=task]").CountAsync());
        Assert.Equal("Thanh tra Sở", (await page.Locator("[data-testid=plan-section] [data-testid=lead]").Nth(1).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("plan-saved.png"), FullPage = false });
    }

    private static string Screenshot(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
