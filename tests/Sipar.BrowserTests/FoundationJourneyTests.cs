using Microsoft.Playwright;
using Sipar.Modules.Accounts;

namespace Sipar.BrowserTests;

public sealed class FoundationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_office_user_signs_in_reads_the_Vietnamese_home_page_switches_language_and_signs_out()
    {
        var (agencyId, unitId, agencyName) = await fixture.App.CreateAgencyAsync("Sở Lao động – Thương binh và Xã hội");
        var user = await fixture.App.CreateUserAsync(Role.Office, agencyId, unitId, "Nguyễn Thị Hà");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, Locale = "en-US" });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        Assert.Equal("Đăng nhập", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(user.Password);
        await page.Locator("main button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(fixture.BaseUrl + "/");
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Xin chào, Nguyễn Thị Hà", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains(agencyName, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Văn phòng (đầu mối kế hoạch)", (await page.Locator("[data-role=Office] h2").InnerTextAsync()).Trim());
        Assert.Equal("Trang chủ – Sipar", await page.TitleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("home-vi.png"), FullPage = true });

        await page.Locator("[data-testid=switch-language]").ClickAsync();
        await page.WaitForFunctionAsync("document.documentElement.lang === 'en'");
        Assert.Equal("Hello, Nguyễn Thị Hà", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("Sign out", (await page.Locator("header form[action='/account/logout'] button").InnerTextAsync()).Trim());

        await page.Locator("[data-testid=switch-language]").ClickAsync();
        await page.WaitForFunctionAsync("document.documentElement.lang === 'vi'");
        await page.Locator("header form[action='/account/logout'] button").ClickAsync();
        await page.WaitForURLAsync("**/account/login");
        // Signed out, the home page is the citizens' portal, with the way back in for staff at its foot.
        await page.GotoAsync("/");
        Assert.Equal("Cổng phục vụ người dân", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(1, await page.Locator("footer a[href='/account/login']").CountAsync());
    }

    [Fact]
    public async Task An_administrator_locks_a_departing_employee_whose_open_session_ends_and_resets_a_password()
    {
        var (agencyId, unitId, _) = await fixture.App.CreateAgencyAsync();
        var leaving = await fixture.App.CreateUserAsync(Role.UnitOfficer, agencyId, unitId, "Người sắp nghỉ");
        var theirs = await fixture.SignInAsync(leaving);
        var admin = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Administrator, name: "Quản trị"));

        await admin.GotoAsync($"/admin/users/{leaving.Id}");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Khóa tài khoản" }).ClickAsync();
        await admin.WaitForURLAsync($"**/admin/users/{leaving.Id}");
        Assert.Contains("Đã khóa tài khoản.", await admin.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await admin.GetByRole(AriaRole.Button, new() { Name = "Mở khóa" }).CountAsync());

        // The departing person's browser, still open, is signed out on its next click.
        await theirs.GotoAsync("/plans");
        Assert.Contains("/account/login", theirs.Url, StringComparison.Ordinal);

        await admin.GetByRole(AriaRole.Button, new() { Name = "Cấp lại mật khẩu" }).ClickAsync();
        await admin.Locator("[data-testid=password-once]").WaitForAsync();
        Assert.Contains(leaving.Email, await admin.Locator("[data-testid=password-once]").InnerTextAsync(), StringComparison.Ordinal);
        await fixture.AssertCleanAsync();
        await admin.Context.CloseAsync();
        await theirs.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_explained_in_Vietnamese_and_the_email_is_kept()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("khong-co@test.sipar");
        await page.GetByLabel("Mật khẩu").FillAsync("Sai-mat-khau-1");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".validation-summary-errors").WaitForAsync();
        Assert.Contains("Email hoặc mật khẩu không đúng", await page.Locator(".validation-summary-errors").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("khong-co@test.sipar", await page.GetByLabel("Email").InputValueAsync());
    }

    [Fact]
    public async Task On_a_phone_the_menu_folds_and_the_skip_link_comes_first()
    {
        var admin = await fixture.App.CreateUserAsync(Role.Administrator, name: "Quản trị");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl,
            ViewportSize = new ViewportSize { Width = 375, Height = 740 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(admin.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(admin.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(fixture.BaseUrl + "/");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Chuyển đến nội dung chính", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());

        Assert.True(await page.Locator(".navbar-toggler").IsVisibleAsync());
        Assert.False(await page.Locator("#nav a[href='/admin/users']").IsVisibleAsync());
        await page.Locator(".navbar-toggler").ClickAsync();
        await page.Locator("#nav a[href='/admin/users']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("home-phone.png") });
    }
}
