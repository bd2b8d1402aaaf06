using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.BrowserTests;

public sealed partial class FeedbackJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Feedback_sent_on_a_phone_is_classified_assigned_answered_approved_published_looked_up_rated_and_counted()
    {
        var app = fixture.App;
        var (agency, office, unit) = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở Phản ánh {Guid.NewGuid():N}"[..20], "SPA", "Lạng Sơn", AgencyKind.Department, null, "0205 3999 888", "phananh@test.sipar"), CancellationToken.None);
            var o = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var u = await admin.AddUnitAsync(id, new("Phòng Việc làm", "VL", UnitKind.Division, null), CancellationToken.None);
            return (id, o, u);
        });

        // The citizen, on a phone without JavaScript, from the agency's portal: the hotline and the guidance are at the foot.
        await using var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, JavaScriptEnabled = false,
        });
        var citizen = await phone.NewPageAsync();
        await citizen.GotoAsync($"/co-quan/{agency}");
        await citizen.GetByTestId("portal-entries").GetByRole(AriaRole.Link, new() { Name = "Gửi phản ánh, kiến nghị" }).ClickAsync();
        Assert.Contains("0205 3999 888", await citizen.GetByTestId("citizen-contact").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await citizen.GetByTestId("feedback-guide").IsVisibleAsync());
        Assert.Equal(0, await citizen.Locator("script").CountAsync());
        await citizen.GetByLabel("Quy định, thủ tục hành chính và giấy tờ").CheckAsync();
        await citizen.GetByLabel("Nội dung phản ánh, kiến nghị").FillAsync("Hồ sơ đăng ký thất nghiệp bị yêu cầu nộp thêm giấy xác nhận cư trú không có trong danh mục.");
        await citizen.GetByLabel("Họ và tên").FillAsync("Hoàng Văn Tú");
        await citizen.GetByLabel("Số điện thoại").FillAsync("0987 654 321");
        await citizen.GetByLabel("Tôi đồng ý để cơ quan công khai").CheckAsync();
        var question = await citizen.Locator("label[for=ChallengeAnswer]").TextContentAsync();
        var sum = Sum().Match(question!);
        await citizen.GetByLabel(question!.Trim()).FillAsync((int.Parse(sum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(sum.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await citizen.GetByTestId("feedback-submit").ClickAsync();
        var code = (await citizen.GetByTestId("receipt-code").TextContentAsync())!.Trim();
        var secret = (await citizen.GetByTestId("receipt-secret").TextContentAsync())!.Trim();
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("feedback-receipt-phone.png"), FullPage = true });

        // The office classifies and assigns; the unit answers; a leader previews what will be public, approves and sends.
        var desk = await fixture.SignInAsync(await app.CreateUserAsync(Role.Office, agency, office, "Văn phòng Sở"));
        await desk.GotoAsync("/feedback");
        await desk.GetByRole(AriaRole.Link, new() { Name = code }).ClickAsync();
        await desk.GetByTestId("classify-form").GetByRole(AriaRole.Button).ClickAsync();
        Assert.Equal("Đã thụ lý", (await desk.GetByTestId("status").TextContentAsync())!.Trim());
        await desk.GetByTestId("assign-form").GetByLabel("Đơn vị xử lý").SelectOptionAsync(new SelectOptionValue { Label = "Phòng Việc làm" });
        await desk.GetByTestId("assign-form").GetByRole(AriaRole.Button).ClickAsync();
        var itemUrl = desk.Url;

        var division = await fixture.SignInAsync(await app.CreateUserAsync(Role.UnitOfficer, agency, unit, "Phòng Việc làm"));
        await division.GotoAsync(itemUrl);
        await division.Locator("#Answer").FillAsync("Giấy xác nhận cư trú không còn là thành phần hồ sơ; Sở đã chấn chỉnh bộ phận tiếp nhận. Liên hệ 0987 654 321 nếu còn vướng.");
        await division.GetByTestId("answer-form").GetByRole(AriaRole.Button).ClickAsync();
        Assert.Equal("Chờ lãnh đạo duyệt", (await division.GetByTestId("status").TextContentAsync())!.Trim());

        var leader = await fixture.SignInAsync(await app.CreateUserAsync(Role.Leader, agency, office, "Lãnh đạo Sở"));
        await leader.GotoAsync(itemUrl);
        Assert.DoesNotContain("0987 654 321", await leader.Locator("#PublicAnswer").InputValueAsync(), StringComparison.Ordinal);
        await leader.GetByTestId("preview").ClickAsync();
        Assert.Contains("chấn chỉnh bộ phận tiếp nhận", await leader.GetByTestId("public-preview").TextContentAsync(), StringComparison.Ordinal);
        await leader.GetByTestId("approve").ClickAsync();
        await leader.GetByTestId("send").ClickAsync();
        Assert.Equal("Đã trả lời", (await leader.GetByTestId("status").TextContentAsync())!.Trim());

        // The answer is public (found without diacritics); the sender looks it up on the phone and rates it.
        await citizen.GotoAsync($"/phan-anh/da-tra-loi?Agency={agency}");
        await citizen.GetByLabel("Tìm (không cần dấu)").FillAsync("xac nhan cu tru");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        Assert.Equal(1, await citizen.GetByTestId("published-answer").CountAsync());
        Assert.DoesNotContain("Hoàng Văn Tú", await citizen.ContentAsync(), StringComparison.Ordinal);
        await citizen.GotoAsync("/phan-anh/tra-cuu");
        await citizen.GetByLabel("Mã phản ánh").FillAsync(code);
        await citizen.GetByLabel("Mã tra cứu").FillAsync(secret);
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Tra cứu" }).ClickAsync();
        Assert.Equal("Đã trả lời", (await citizen.GetByTestId("status").TextContentAsync())!.Trim());
        await citizen.GetByLabel("Hài lòng", new() { Exact = true }).CheckAsync();
        await citizen.GetByTestId("rate").ClickAsync();
        Assert.True(await citizen.GetByTestId("done").IsVisibleAsync());
        Assert.Contains("hài lòng", await citizen.GetByTestId("rated").TextContentAsync(), StringComparison.Ordinal);
        await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("feedback-lookup-phone.png"), FullPage = true });

        // The leader's indicators now count it: received 1, answered on time, satisfied.
        await leader.GotoAsync("/feedback/indicators");
        Assert.Equal("1", (await leader.GetByTestId("kpi-received").TextContentAsync())!.Trim());
        Assert.Equal("100%", (await leader.GetByTestId("kpi-ontime").TextContentAsync())!.Trim());
        Assert.Equal("100%", (await leader.GetByTestId("kpi-satisfaction").TextContentAsync())!.Trim());
        await fixture.AssertCleanAsync();
    }

    [Fact]
    public async Task The_staff_pages_of_feedback_open_on_a_phone_and_the_office_enters_a_hotline_call()
    {
        var app = fixture.App;
        var (agency, office) = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var id = await admin.CreateAsync(new AgencyInput($"Sở Phản ánh {Guid.NewGuid():N}"[..20], "SPB", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            return (id, await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None));
        });
        var page = await fixture.SignInAsync(await app.CreateUserAsync(Role.Office, agency, office, "Văn phòng Sở"));
        await page.SetViewportSizeAsync(360, 740);

        // A hotline call: bad input first (kept, messages beside the fields), then recorded with the code to tell the caller.
        await page.GotoAsync("/feedback/new");
        await page.GetByLabel("Kênh tiếp nhận").SelectOptionAsync(new SelectOptionValue { Label = "Đường dây nóng" });
        await page.GetByLabel("Nội dung phản ánh, kiến nghị").FillAsync("ngắn");
        await page.GetByTestId("enter-submit").ClickAsync();
        Assert.Contains("ít nhất 10 ký tự", await page.Locator("[data-valmsg-for=Description]").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("ngắn", await page.GetByLabel("Nội dung phản ánh, kiến nghị").InputValueAsync());
        await page.GetByLabel("Lĩnh vực phản ánh").SelectOptionAsync(new SelectOptionValue { Label = "Dịch vụ công trực tuyến" });
        await page.GetByLabel("Nội dung phản ánh, kiến nghị").FillAsync("Người dân gọi đường dây nóng: không nộp được hồ sơ trực tuyến.");
        await page.GetByLabel("Gửi ẩn danh", new() { Exact = false }).CheckAsync();
        await page.GetByTestId("enter-submit").ClickAsync();
        Assert.Contains("mã phản ánh", await page.GetByTestId("entered-receipt").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("Đường dây nóng", (await page.Locator("[data-testid=feedback-detail] dd").Nth(1).TextContentAsync())!.Trim());

        foreach (var url in new[] { "/feedback", "/feedback/indicators", "/feedback/recurring", page.Url })
        {
            await page.GotoAsync(url);
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{url} is wider than the phone");
        }

        var adminPage = await fixture.SignInAsync(await app.CreateUserAsync(Role.Administrator));
        await adminPage.SetViewportSizeAsync(360, 740);
        await adminPage.GotoAsync("/feedback/categories");
        Assert.True(await adminPage.GetByTestId("categories").Locator("tbody tr").CountAsync() >= 5, "the five default categories are listed");
        Assert.True(await adminPage.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "/feedback/categories is wider than the phone");
        await fixture.AssertCleanAsync();
    }

    [GeneratedRegex(@"(\d+) cộng (\d+)")]
    private static partial Regex Sum();
}
