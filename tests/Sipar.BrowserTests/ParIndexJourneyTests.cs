using System.Text;
using Microsoft.Playwright;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;

namespace Sipar.BrowserTests;

public sealed class ParIndexJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Year = 2061;

    private const string SmallFramework = """
        {"name":"Bộ chỉ số thử","total":100,"items":[
          {"code":"1","level":"Area","name":"Công tác chỉ đạo, điều hành cải cách hành chính","maxPoints":60,"method":"SelfAssessed"},
          {"code":"1.1","level":"Criterion","name":"Ban hành kế hoạch CCHC năm","maxPoints":40,"method":"SelfAssessed","evidence":"Kế hoạch CCHC"},
          {"code":"1.2","level":"Criterion","name":"Tuyên truyền cải cách hành chính","maxPoints":20,"method":"SelfAssessed"},
          {"code":"2","level":"Area","name":"Mức độ hài lòng","maxPoints":40,"method":"Survey"},
          {"code":"2.1","level":"Criterion","name":"SIPAS","maxPoints":40,"method":"Survey"}
        ]}
        """;

    [Fact]
    public async Task Self_score_with_evidence_submit_appraise_with_an_explanation_round_finalise_publish_then_ranking_and_gap_list()
    {
        var w = await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var name = $"Sở Lao động {Guid.NewGuid():N}"[..24];
            var agency = await admin.CreateAsync(new AgencyInput(name, "SLĐ", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var db = sp.GetRequiredService<SiparDbContext>();
            var framework = Framework.FromFile(FrameworkReader.Read("f.json", Encoding.UTF8.GetBytes(SmallFramework)), Year, AgencyKind.Department, $"Bộ chỉ số thử {Guid.NewGuid():N}", fixture.App.UtcNow);
            var today = fixture.App.Today;
            var campaign = ParCampaign.Create(Year, $"Đánh giá Chỉ số CCHC năm {Year}", today.AddDays(10), today.AddDays(20), today.AddDays(30), fixture.App.UtcNow);
            var content = new PlanContent(Year + 1, null, "KH-SLĐ", null, "Lạng Sơn", null, "Kế hoạch CCHC năm sau", [], [], [],
                [new SectionContent("II.1", "Công tác chỉ đạo, điều hành cải cách hành chính", office, false, [], ["Ban hành kế hoạch."])], [], [], null, null, null);
            db.AddRange(framework, campaign, ParAssessment.Start(campaign.Id, agency, framework), Plan.CreateDraft(agency, content, new HashSet<Guid> { office }, fixture.App.UtcNow));
            await db.SaveChangesAsync();
            return (Agency: agency, Name: name, Office: office, Campaign: campaign.Id);
        });
        var evidence = Path.Combine(Path.GetTempPath(), $"ke-hoach-cchc-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

        // The office scores 1.1 with a file and 1.2 with an explanation.
        var office = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Office, w.Agency, w.Office, "Nguyễn Thị Hà"));
        await office.GetByRole(AriaRole.Link, new() { Name = "Chỉ số CCHC", Exact = true }).ClickAsync();
        await office.Locator("[data-testid=my-assessment]").ClickAsync();
        var assessmentUrl = office.Url;
        await office.GetByRole(AriaRole.Link, new() { Name = "Ban hành kế hoạch CCHC năm" }).ClickAsync();
        await office.Locator("#evidence").SetInputFilesAsync(evidence);
        await office.GetByRole(AriaRole.Button, new() { Name = "Tải lên", Exact = true }).ClickAsync();
        await office.Locator("[data-testid=evidence-list]").GetByText(Path.GetFileName(evidence)).WaitForAsync();
        await office.GetByLabel("Điểm tự chấm (tối đa 40)").FillAsync("45");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await office.Locator("[data-testid=points-error]").GetByText("Điểm 45 vượt quá điểm tối đa của tiêu chí 1.1 (40).").WaitForAsync();
        await office.GetByLabel("Điểm tự chấm (tối đa 40)").FillAsync("40");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await office.Locator("[data-testid=self-points]").GetByText("40").WaitForAsync();
        await office.GotoAsync(assessmentUrl);
        await office.GetByRole(AriaRole.Link, new() { Name = "Tuyên truyền cải cách hành chính" }).ClickAsync();
        await office.GetByLabel("Điểm tự chấm (tối đa 20)").FillAsync("20");
        await office.GetByLabel("Giải trình (có điểm mà chưa có tài liệu kiểm chứng thì phải giải trình trước khi rà soát)").FillAsync("Đã đăng 12 tin bài trên Cổng thông tin điện tử của Sở.");
        await office.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await office.Locator("[data-testid=self-points]").GetByText("20").WaitForAsync();

        // The office marks it reviewed; leadership approves and submits: it locks.
        await office.GotoAsync(assessmentUrl);
        await office.Locator("[data-testid=mark-reviewed]").ClickAsync();
        await office.Locator("[data-testid=review]").GetByText("Văn phòng rà soát lúc").WaitForAsync();
        var leader = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Leader, w.Agency, w.Office, "Hoàng Văn Đức"));
        await leader.GotoAsync(assessmentUrl);
        await leader.Locator("[data-testid=submit-assessment]").ClickAsync();
        await Assertions.Expect(leader.GetByTestId("confirm-step")).ToContainTextAsync("bản tự đánh giá bị khóa");
        await leader.GetByTestId("confirm").ClickAsync();
        await leader.Locator("[data-testid=assessment-status]").GetByText("Đã gửi thẩm định").WaitForAsync();

        // The appraiser adjusts 1.1 with a reason, enters the survey points and asks for an explanation on 1.2.
        var appraiser = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Appraiser, name: "Hà Thị Lan"));
        await appraiser.GotoAsync(assessmentUrl);
        await appraiser.GetByRole(AriaRole.Link, new() { Name = "Ban hành kế hoạch CCHC năm" }).ClickAsync();
        await appraiser.GetByLabel("Điểm thẩm định", new() { Exact = true }).FillAsync("35");
        await appraiser.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm thẩm định" }).ClickAsync();
        await appraiser.GetByText("Tiêu chí 1.1: điểm thẩm định khác điểm tự chấm, cần ghi lý do.").WaitForAsync();
        await appraiser.GetByLabel("Lý do điều chỉnh").FillAsync("Kế hoạch ban hành sau ngày 31/12.");
        await appraiser.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm thẩm định" }).ClickAsync();
        await appraiser.Locator("[data-testid=appraised-points]").GetByText("35").WaitForAsync();
        await appraiser.GotoAsync(assessmentUrl);
        await appraiser.GetByRole(AriaRole.Link, new() { Name = "SIPAS" }).ClickAsync();
        await appraiser.GetByLabel("Điểm thẩm định", new() { Exact = true }).FillAsync("36,5");
        await appraiser.GetByRole(AriaRole.Button, new() { Name = "Lưu điểm thẩm định" }).ClickAsync();
        await appraiser.Locator("[data-testid=appraised-points]").GetByText("36,5").WaitForAsync();
        await appraiser.GotoAsync(assessmentUrl);
        await appraiser.GetByLabel("Yêu cầu giải trình 1.2").FillAsync("Đề nghị gửi danh sách tin bài.");
        await appraiser.Locator("[data-testid=send-request]").ClickAsync();
        await appraiser.Locator("[data-testid=assessment-status]").GetByText("Chờ giải trình").WaitForAsync();
        await appraiser.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("par-assessment.png"), FullPage = true });

        // The agency answers once; it does not see the appraised points yet.
        await office.GotoAsync(assessmentUrl);
        Assert.Equal(1, await office.Locator("[data-testid=appraisal-hidden]").CountAsync());
        await office.GetByLabel("Nội dung giải trình").FillAsync("Gửi kèm danh sách 12 tin bài, đường dẫn trên Cổng thông tin.");
        await office.Locator("[data-testid=send-answer]").ClickAsync();
        await office.Locator("[data-testid=assessment-status]").GetByText("Đã giải trình").WaitForAsync();

        // The appraiser accepts the rest, finalises and publishes.
        await appraiser.GotoAsync(assessmentUrl);
        Assert.Contains("Gửi kèm danh sách 12 tin bài", await appraiser.Locator("[data-testid='answer-1.2']").InnerTextAsync(), StringComparison.Ordinal);
        await appraiser.Locator("[data-testid=accept-remaining]").ClickAsync();
        await appraiser.Locator("[data-testid=finalise]").ClickAsync();
        await appraiser.GetByTestId("confirm").ClickAsync();
        await appraiser.Locator("[data-testid=assessment-status]").GetByText("Đã chốt thẩm định").WaitForAsync();
        await appraiser.GotoAsync($"/par/campaigns/{w.Campaign}");
        await appraiser.Locator("[data-testid=publish]").ClickAsync();
        await Assertions.Expect(appraiser.GetByTestId("confirm-step")).ToContainTextAsync("trang kết quả");
        await appraiser.GetByTestId("confirm").ClickAsync();
        await appraiser.Locator("[data-testid=publication]").GetByText("Đã công bố").WaitForAsync();

        // The agency sees the ranking and, on its page, where points were lost; a gap becomes next year's task.
        await office.GotoAsync($"/par/results/{Year}");
        await office.Locator("canvas.sipar-chart[data-drawn=true]").WaitForAsync();
        var row = office.Locator("[data-testid=ranking] tr", new() { HasText = w.Name });
        Assert.Contains("91,5/100", await row.InnerTextAsync(), StringComparison.Ordinal);
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("par-ranking.png"), FullPage = true });
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await office.Locator("[data-testid=headline]").GetByText("91,5/100 điểm, chỉ số 91,5%, xếp loại A").WaitForAsync();
        Assert.Equal(["1.1", "2.1"], await office.Locator("[data-testid=gap-lost] tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)"));
        Assert.Contains("Tuyên truyền cải cách hành chính", await office.Locator("[data-testid=gap-at-max]").InnerTextAsync(), StringComparison.Ordinal);
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.Screenshot("par-gaps.png"), FullPage = true });
        await office.Locator("[data-testid=gap-lost] tr[data-code='1.1'] [data-testid=gap-to-task]").ClickAsync();
        await office.WaitForURLAsync("**/tasks/*");
        Assert.Contains("Khắc phục tiêu chí 1.1", await office.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        File.Delete(evidence);
        await fixture.AssertCleanAsync();
    }
}
