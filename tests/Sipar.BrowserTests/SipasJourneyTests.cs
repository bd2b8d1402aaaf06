using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Files;
using Sipar.Modules.Accounts;
using Sipar.Modules.Dossiers;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.BrowserTests;

public sealed class SipasJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_wave_drawn_from_returned_dossiers_is_answered_on_a_phone_keyed_from_paper_reviewed_rechecked_published_and_scores_the_PAR_criterion()
    {
        var app = fixture.App;
        // An agency whose desk returned twelve dossiers in November 2026, and its PAR self-assessment, submitted for appraisal.
        var (agency, office, name) = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var title = $"Sở Lao động {Guid.NewGuid():N}"[..24];
            var id = await admin.CreateAsync(new AgencyInput(title, "SLĐTBXH", "Lạng Sơn", AgencyKind.Department, null, "0205 3812 345", "mot-cua@test.sipar"), CancellationToken.None);
            var unit = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(Procedure.Create(id, new ProcedureInput("1.004227", "Cấp giấy phép lao động", "Việc làm", unit, 5, TimeLimitUnit.WorkingDays, new TimeOnly(15, 0),
                "Đơn đề nghị", 600_000, OnlineLevel.Partial, null), app.UtcNow));
            await db.SaveChangesAsync();
            var prefix = $"SJ{Guid.NewGuid():N}"[..10];
            var csv = "Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Người nộp,Số điện thoại\n" + string.Concat(Enumerable.Range(1, 12).Select(i =>
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}-{i},1.004227,02/11/2026,09/11/2026,06/11/2026,{10 + i}/11/2026,Đã trả kết quả,Người dân {i},09150000{i:00}\n")));
            var bytes = System.Text.Encoding.UTF8.GetBytes(csv);
            var preview = await sp.GetRequiredService<DossierImport>().RunAsync(id, "thang-11.csv", new byte[32], TableFile.Read("thang-11.csv", bytes, "DossierImport.FileType"), null, apply: true, CancellationToken.None);
            Assert.True(preview.Applied);
            return (id, unit, title);
        });
        var (campaignId, assessmentId) = await app.CreateDraftAssessmentAsync(agency, 2026);
        await app.SubmitWithZeroScoresAsync(assessmentId);

        // The office sets the wave up, takes its frame from the desk, draws, and prints the invitations.
        var surveyorUser = await app.CreateUserAsync(Role.Surveyor, agency, office, "Điều tra viên Lan");
        var page = await fixture.SignInAsync(await app.CreateUserAsync(Role.Office, agency, office, "Văn phòng Sở"));
        await page.GotoAsync("/sipas");
        await page.GetByTestId("add-standard").ClickAsync();
        await page.GetByLabel("Tên", new() { Exact = true }).FillAsync("Khảo sát tháng 11/2026");
        await page.Locator("#Input_PeriodFrom").FillAsync("01/11/2026");
        await page.Locator("#Input_PeriodTo").FillAsync("30/11/2026");
        await page.GetByLabel("Thu phiếu đến ngày").FillAsync("31/12/2026");
        await page.GetByLabel("Sai số cho phép (%)").FillAsync("20");
        await page.GetByLabel("Phân tầng theo").SelectOptionAsync(new SelectOptionValue { Label = "Không phân tầng" });
        await page.GetByLabel("Tối thiểu mỗi tầng").FillAsync("0");
        await page.GetByLabel("Số phiếu tối thiểu để công bố một nhóm").FillAsync("1");
        await page.GetByLabel("Tỷ lệ phúc tra (%)").FillAsync("50");
        await page.GetByTestId("wave-form").GetByRole(AriaRole.Button, new() { Name = "Thêm" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/sipas/waves/[0-9a-f-]{36}$"));
        var waveUrl = page.Url;
        await page.GetByTestId("frame-from-dossiers").ClickAsync();
        Assert.Contains("12", await page.GetByTestId("frame-size").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("9", (await page.GetByTestId("plan-total").TextContentAsync())!.Trim()); // ⌈12/(1+12·0,04)⌉
        await page.GetByTestId("draw").ClickAsync();
        Assert.Equal("đang thu phiếu", (await page.GetByTestId("wave-status").TextContentAsync())!.Trim().ToLowerInvariant());
        await page.GetByTestId("staff").Locator("summary").ClickAsync();
        await page.GetByTestId("staff").Locator("select").SelectOptionAsync(new[] { new SelectOptionValue { Label = "Văn phòng Sở" }, new SelectOptionValue { Label = "Điều tra viên Lan" } });
        await page.GetByTestId("staff").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.GetByTestId("invitations").ClickAsync();
        Assert.Equal(9, await page.GetByTestId("invitation").CountAsync());
        var tokens = await page.GetByTestId("token").AllTextContentsAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sipas-invitations.png"), FullPage = true });

        // A citizen answers on a phone without JavaScript, with the code from the invitation.
        await using (var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.BaseUrl, ViewportSize = new ViewportSize { Width = 360, Height = 740 }, JavaScriptEnabled = false,
        }))
        {
            var citizen = await phone.NewPageAsync();
            await citizen.GotoAsync("/");
            await citizen.GetByTestId("portal-entries").GetByRole(AriaRole.Link, new() { Name = "Khảo sát sự hài lòng" }).ClickAsync();
            await citizen.GetByLabel("Mã khảo sát").FillAsync(tokens[0].ToLowerInvariant());
            await citizen.GetByRole(AriaRole.Button, new() { Name = "Mở phiếu" }).ClickAsync();
            Assert.Equal(0, await citizen.Locator("script").CountAsync());
            var codes = new[] { "TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3" };
            for (var i = 0; i < codes.Length; i++)
            {
                await citizen.Locator($"#i-{codes[i]}-{(i % 3 == 0 ? 3 : 5)}").CheckAsync();
            }

            await citizen.GetByLabel("Rút ngắn thời gian giải quyết").CheckAsync();
            await citizen.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("sipas-survey-phone.png"), FullPage = true });
            await citizen.GetByTestId("survey-submit").ClickAsync();
            Assert.True(await citizen.GetByTestId("survey-thanks").IsVisibleAsync());
        }

        // Paper: the office and the surveyor key the same form; it counts once they agree.
        async Task KeyPaperAsync(IPage p, string number)
        {
            await p.GotoAsync(waveUrl + "/paper");
            await p.GetByLabel("Số phiếu (mã khảo sát)").FillAsync(number);
            foreach (var code in new[] { "TC1", "TC2", "TC3", "TT1", "TT2", "TT3", "TT4", "CC1", "CC2", "CC3", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3" })
            {
                await p.Locator($"#i-{code}-{(code.EndsWith('1') ? 4 : 5)}").CheckAsync();
            }

            await p.GetByTestId("paper-submit").ClickAsync();
        }

        await KeyPaperAsync(page, tokens[1]);
        Assert.Contains("chờ điều tra viên khác", await page.GetByTestId("paper-outcome").TextContentAsync(), StringComparison.Ordinal);
        var surveyor = await fixture.SignInAsync(surveyorUser);
        await KeyPaperAsync(surveyor, tokens[1]);
        Assert.Contains("đã được tính", await surveyor.GetByTestId("paper-outcome").TextContentAsync(), StringComparison.Ordinal);

        // Review: the online answer came too fast for the rules; the surveyor accepts it with a reason. Then the re-check.
        await surveyor.GotoAsync(waveUrl + "/review");
        var flagged = surveyor.GetByTestId("response-row").Filter(new() { HasText = "quá nhanh" });
        await flagged.GetByLabel("Trạng thái").SelectOptionAsync(new SelectOptionValue { Label = "Hợp lệ" });
        await flagged.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Đã gọi lại, người dân xác nhận");
        await flagged.GetByTestId("review").ClickAsync();
        await surveyor.GetByTestId("draw-recheck").ClickAsync();
        var selected = surveyor.GetByTestId("response-row").Filter(new() { HasText = "Chờ phúc tra" }).First;
        await selected.GetByLabel("Phúc tra").SelectOptionAsync(new SelectOptionValue { Label = "Đúng như phiếu" });
        await selected.GetByTestId("recheck").ClickAsync();
        Assert.Equal(1, await surveyor.GetByTestId("recheck-state").Filter(new() { HasText = "Đúng như phiếu" }).CountAsync());

        // The indices now count both; publishing puts them on the public page.
        await page.GotoAsync(waveUrl);
        Assert.Contains("2 phiếu hợp lệ", await page.Locator("#indices-title").Locator("xpath=..").TextContentAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc thu phiếu" }).ClickAsync();
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("public-results").ClickAsync();
        Assert.NotEmpty((await page.GetByTestId("public-overall").TextContentAsync())!.Trim());
        Assert.Equal(5, await page.Locator("[data-testid=public-factors] meter").CountAsync());

        // The appraiser links criterion 8.1 to the service aspect and takes the points.
        var appraiser = await fixture.SignInAsync(await app.CreateUserAsync(Role.Appraiser));
        await appraiser.GotoAsync($"/par/campaigns/{campaignId}");
        await appraiser.GetByLabel("Lấy điểm từ SIPAS: mỗi dòng một tiêu chí").FillAsync("8.1 = DV");
        await appraiser.GetByTestId("survey-links-form").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await appraiser.GetByTestId("apply-survey").ClickAsync();
        var taken = await appraiser.GetByTestId("survey-taken").TextContentAsync();
        Assert.Contains(name, taken, StringComparison.Ordinal);
        var points = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Where(a => a.Id == assessmentId)
            .SelectMany(a => a.Scores).Where(s => s.Code == "8.1").Select(s => s.AppraisedPoints).SingleAsync());
        Assert.NotNull(points);
        Assert.InRange(points!.Value, 0.01m, 10m);
        await fixture.AssertCleanAsync();
    }
}
