using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>The PAR INDEX year end to end through the pages and the API: campaign, self-assessment, appraisal, publication, results.</summary>
public abstract class ParWorkflowTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task A_campaign_runs_from_self_assessment_through_appraisal_and_an_explanation_round_to_published_results_and_a_gap_task()
    {
        const int year = 2041;
        var w = await WorldAsync(year);
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        await ImportFrameworkAsync(appraiser, year);

        // The campaign: both agencies take part; the framework is frozen from now on.
        var created = await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = $"Đánh giá {year}", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(20), ["Form.ExplanationDue"] = Iso(30),
            ["Form.AgencyIds"] = w.AgencyId.ToString(),
        }, "/par?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var campaignPage = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, campaignPage, new() { ["agencyIds"] = w.OtherAgencyId.ToString() }, campaignPage + "?handler=Agencies")).StatusCode);
        Assert.Contains((await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks", SiparFactory.Json))!, f => f.Year == year && f.IsFrozen);
        var (assessmentId, otherAssessmentId) = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            return (await db.Set<ParAssessment>().Where(a => a.AgencyId == w.AgencyId).Select(a => a.Id).SingleAsync(),
                await db.Set<ParAssessment>().Where(a => a.AgencyId == w.OtherAgencyId).Select(a => a.Id).SingleAsync());
        });
        var page = $"/par/assessments/{assessmentId}";

        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, w.AgencyId, w.Office));
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var scores = await ScoresAsync(office, assessmentId);
        var plan1 = scores["1.1.1"];

        // Bad points are refused beside the field and nothing is saved.
        var above = await SiparFactory.HtmlAsync(await SelfAsync(office, assessmentId, plan1, "5", null));
        Assert.Contains("vượt quá điểm tối đa của tiêu chí 1.1.1", above.QuerySelector("[data-testid=points-error]")!.TextContent, StringComparison.Ordinal);
        var negative = await SiparFactory.HtmlAsync(await SelfAsync(office, assessmentId, plan1, "-1", null));
        Assert.Contains("không nhập điểm âm", negative.QuerySelector("[data-testid=points-error]")!.TextContent, StringComparison.Ordinal);
        var text = await SiparFactory.HtmlAsync(await SelfAsync(office, assessmentId, plan1, "một", null));
        Assert.Contains("\"một\" không phải là số điểm", text.QuerySelector("[data-testid=points-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await ScoreJsonAsync(office, assessmentId, "1.1.1")).GetProperty("selfPoints").ValueKind);

        // Saved without evidence: the page asks for an explanation next to it; with a file, it no longer does.
        Assert.Equal(HttpStatusCode.Redirect, (await SelfAsync(office, assessmentId, plan1, "1", null)).StatusCode);
        var asking = await SiparFactory.HtmlAsync(await office.GetAsync($"{page}/items/{plan1}"));
        Assert.Contains("chưa có tài liệu kiểm chứng: cần nhập giải trình", asking.QuerySelector("[data-testid=explanation-error]")!.TextContent, StringComparison.Ordinal);
        Assert.True((await ScoreJsonAsync(office, assessmentId, "1.1.1")).GetProperty("needsExplanation").GetBoolean());
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(office, assessmentId, plan1, "ke-hoach.pdf", Pdf)).StatusCode);
        Assert.False((await ScoreJsonAsync(office, assessmentId, "1.1.1")).GetProperty("needsExplanation").GetBoolean());
        var fileLink = (await SiparFactory.HtmlAsync(await office.GetAsync($"{page}/items/{plan1}"))).QuerySelector("[data-testid=evidence-list] a")!.GetAttribute("href")!;
        var download = await office.GetAsync(fileLink);
        Assert.Equal(("attachment", "nosniff"), (download.Content.Headers.ContentDisposition?.DispositionType, download.Headers.GetValues("X-Content-Type-Options").Single()));
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        var link = await SiparFactory.PostFormAsync(office, $"{page}/items/{scores["1.4"]}", new() { ["link"] = $"PlanTask:{w.TaskId}" }, $"{page}/items/{scores["1.4"]}?handler=Link");
        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        var consolidated = await SiparFactory.HtmlAsync(await office.GetAsync($"{page}/items/{scores["1.4"]}"));
        var option = consolidated.QuerySelectorAll("#link option").First(o => o.GetAttribute("value")!.StartsWith("ConsolidatedReport:", StringComparison.Ordinal));
        Assert.Equal($"Báo cáo tổng hợp: Báo cáo CCHC quý I năm {year}", option.TextContent.Trim());
        await SiparFactory.PostFormAsync(office, $"{page}/items/{scores["1.4"]}", new() { ["link"] = option.GetAttribute("value")! }, $"{page}/items/{scores["1.4"]}?handler=Link");
        Assert.Equal(2, (await ScoreJsonAsync(office, assessmentId, "1.4")).GetProperty("evidence").GetInt32());
        var wrongLink = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, $"{page}/items/{scores["1.4"]}", new() { ["link"] = $"PlanTask:{Guid.NewGuid()}" }, $"{page}/items/{scores["1.4"]}?handler=Link"));
        Assert.Contains("Hồ sơ này không thuộc kế hoạch của cơ quan", wrongLink.Body!.TextContent, StringComparison.Ordinal);
        var links = (await SiparFactory.HtmlAsync(await office.GetAsync($"{page}/items/{scores["1.4"]}"))).QuerySelectorAll("[data-testid=evidence-list] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/tasks/{w.TaskId}", links);
        Assert.Contains(links, l => l!.EndsWith("/consolidated", StringComparison.Ordinal));

        // A unit officer scores only what is assigned to the unit; the office assigns.
        var put = new { points = 1m, explanation = "Đã thực hiện" };
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{scores["1.5"]}", put)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { [$"units[{scores["1.5"]}]"] = w.Planning.ToString() }, page + "?handler=Assign")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{scores["1.5"]}", put)).StatusCode);

        // Another agency cannot see it; an appraiser cannot change self-scores.
        var otherOffice = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.OtherAgencyId, w.OtherUnit));
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync($"/api/par/assessments/{assessmentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync($"{page}/self-assessment.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync(fileLink)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await appraiser.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{scores["1.5"]}", put)).StatusCode);

        // Leadership submits; the office cannot, and not while items are unscored.
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(office, page, [], page + "?handler=Submit")).StatusCode);
        var refused = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(leader, page, [], page + "?handler=Submit"));
        Assert.Contains("chưa có điểm tự chấm", refused.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        foreach (var (code, id) in scores.Where(s => s.Key is not ("1.1.1" or "1.5" or "1.1.2" or "1.2" or "3.3" or "8.1" or "8.2")))
        {
            var points = code == "1.6" ? 0m : code == "1.3" ? 1m : MaxOf(code);
            var r = await office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{id}", new { points, explanation = "Có văn bản lưu tại Văn phòng" });
            Assert.True(r.IsSuccessStatusCode, code + ": " + await r.Content.ReadAsStringAsync());
        }

        var three = await office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{scores["3.3"]}", new { points = 4m, explanation = "Theo số liệu Một cửa" });
        Assert.True(three.IsSuccessStatusCode, await three.Content.ReadAsStringAsync());
        var unreviewed = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(leader, page, [], page + "?handler=Submit"));
        Assert.Contains("Văn phòng chưa rà soát bản tự đánh giá", unreviewed.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(officer, page, [], page + "?handler=Review")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, [], page + "?handler=Review")).StatusCode);
        var asked = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(leader, page, [], page + "?handler=Submit"));
        Assert.Contains("bản tự đánh giá bị khóa", asked.QuerySelector("[data-testid=confirm-step]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(AssessmentStatus.Draft, (await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Where(a => a.Id == assessmentId).Select(a => a.Status).SingleAsync())));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(leader, page, new() { ["confirmed"] = "true" }, page + "?handler=Submit")).StatusCode);
        var overview = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Equal("7", overview.QuerySelector("[data-testid='self-1']")!.TextContent.Trim());   // 1 + 2 (computed) + 0 + 1 + 2 + 1 + 0
        Assert.Equal("3", overview.QuerySelector("[data-testid='self-1.1']")!.TextContent.Trim());
        var submitted = await ScoreJsonAsync(office, assessmentId, "1.1.2");
        Assert.Equal(2m, submitted.GetProperty("selfPoints").GetDecimal());
        var drill = await SiparFactory.HtmlAsync(await office.GetAsync($"{page}/items/{scores["1.1.2"]}"));
        Assert.Contains("1/1 đúng hạn (100%)", drill.QuerySelector("[data-testid=snapshot]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tham mưu báo cáo định kỳ", drill.QuerySelector("[data-testid=drill-down]")!.TextContent, StringComparison.Ordinal);

        // Locked after submission.
        var late = await office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{plan1}", new { points = 0m });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("đã khóa", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Appraisal: an adjustment needs a reason; one explanation round.
        var noReason = await SiparFactory.HtmlAsync(await AppraiseAsync(appraiser, assessmentId, scores["1.3"], "0", null));
        Assert.Contains("cần ghi lý do", noReason.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await AppraiseAsync(appraiser, assessmentId, scores["1.3"], "0", "Không có báo cáo kiểm tra")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, new() { [$"requests[{scores["1.3"]}]"] = "Đề nghị gửi báo cáo kiểm tra năm" }, page + "?handler=Request")).StatusCode);
        var again = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, $"{page}/items/{scores["1.3"]}", new() { [$"requests[{scores["1.4"]}]"] = "Thêm" }, page + "?handler=Request"));
        Assert.Contains("Đã có một vòng giải trình", again.Body!.TextContent, StringComparison.Ordinal);

        // The agency sees the request but not the appraised points before publication.
        var hidden = await ScoreJsonAsync(office, assessmentId, "1.3");
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("appraisedPoints").ValueKind);
        Assert.Equal("Đề nghị gửi báo cáo kiểm tra năm", hidden.GetProperty("explanationRequest").GetString());
        Assert.NotNull((await SiparFactory.HtmlAsync(await office.GetAsync(page))).QuerySelector("[data-testid=appraisal-hidden]"));
        var unanswered = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, page, [], page + "?handler=Answer"));
        Assert.Contains("chưa nhập nội dung giải trình", unanswered.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { [$"answers[{scores["1.3"]}]"] = "Đã gửi kèm báo cáo số 12/BC" }, page + "?handler=Answer")).StatusCode);

        // Survey points: a preview, then the import; then finalise.
        var missing = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, [], page + "?handler=Finalise"));
        Assert.Contains("chưa có điểm thẩm định", missing.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(campaignPage + "#survey-title", missing.QuerySelector("[data-testid=survey-points-link] a")!.GetAttribute("href"));
        var csv = Encoding.UTF8.GetBytes($"Cơ quan,Mã tiêu chí,Điểm\n{w.AgencyName},8.1,9\n{w.AgencyName},8.2,5\n{w.OtherAgencyName},8.1,11\n");
        var badPreview = await SiparFactory.HtmlAsync(await SurveyAsync(appraiser, campaignPage, csv));
        Assert.Contains("vượt quá giới hạn", badPreview.QuerySelector("[data-testid=survey-errors]")!.TextContent, StringComparison.Ordinal);
        // The other agency has not submitted: its survey points wait (they are part of the appraisal).
        csv = Encoding.UTF8.GetBytes($"Cơ quan,Mã tiêu chí,Điểm\n{w.AgencyName},8.1,9\n{w.AgencyName},8.2,5\n{w.OtherAgencyName},8.1,8\n");
        var draftRow = await SiparFactory.HtmlAsync(await SurveyAsync(appraiser, campaignPage, csv));
        Assert.Contains("chưa nộp bản tự đánh giá", draftRow.QuerySelector("[data-testid=survey-errors]")!.TextContent, StringComparison.Ordinal);
        csv = Encoding.UTF8.GetBytes($"Cơ quan,Mã tiêu chí,Điểm\n{w.AgencyName},8.1,9\n{w.AgencyName},8.2,5\n");
        var preview = await SiparFactory.HtmlAsync(await SurveyAsync(appraiser, campaignPage, csv));
        Assert.Contains("sẽ nhập 2 điểm điều tra", preview.QuerySelector("[data-testid=survey-preview]")!.TextContent, StringComparison.Ordinal);
        var apply = await SiparFactory.PostFormAsync(appraiser, campaignPage, new()
        {
            ["content"] = preview.QuerySelector("input[name=content]")!.GetAttribute("value")!, ["fileName"] = "dieu-tra.csv", ["apply"] = "true",
        }, campaignPage + "?handler=Survey");
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, [], page + "?handler=Accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, new() { ["confirmed"] = "true" }, page + "?handler=Finalise")).StatusCode);

        // Unpublished: the agency cannot see results; the appraiser can.
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"/api/par/results/{year}")).StatusCode);
        Assert.NotNull((await SiparFactory.HtmlAsync(await office.GetAsync($"/par/results/{year}"))).QuerySelector("[data-testid=not-published]"));
        Assert.Equal(HttpStatusCode.OK, (await appraiser.GetAsync($"/api/par/results/{year}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, campaignPage, new() { ["publish"] = "true", ["confirmed"] = "true" }, campaignPage + "?handler=Publish")).StatusCode);

        // Published: total, index, class and rank; the gap list; a gap becomes next year's task.
        var results = await office.GetFromJsonAsync<JsonElement>($"/api/par/results/{year}", SiparFactory.Json);
        var mine = results.EnumerateArray().Single(r => r.GetProperty("agency").GetString() == w.AgencyName);
        var expected = 100m - 2m /*1.2: no reports*/ - 2m /*1.3 adjusted to 0*/ - 1m /*3.3*/ - 1m /*8.1*/ - 0.5m /*8.2*/;
        Assert.Equal(expected, mine.GetProperty("total").GetDecimal());
        Assert.Equal(1, mine.GetProperty("rank").GetInt32());
        Assert.Equal(8, mine.GetProperty("areas").GetArrayLength());
        var ranking = await SiparFactory.HtmlAsync(await office.GetAsync($"/par/results/{year}"));
        Assert.Contains(w.AgencyName, ranking.QuerySelector("[data-testid=ranking]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(ranking.QuerySelector("canvas.sipar-chart"));
        var gaps = await SiparFactory.HtmlAsync(await office.GetAsync($"/par/results/{year}/agencies/{w.AgencyId}"));
        var lost = gaps.QuerySelectorAll("[data-testid=gap-lost] tr").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(["1.2", "1.3", "3.3", "8.1", "8.2"], lost);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherOffice.GetAsync($"/par/results/{year}/agencies/{w.AgencyId}")).StatusCode);
        var noPlan = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, $"/par/results/{year}/agencies/{w.AgencyId}", new() { ["code"] = "1.3" }, $"/par/results/{year}/agencies/{w.AgencyId}?handler=Gap"));
        Assert.Contains($"Chưa có kế hoạch CCHC năm {year + 1}", noPlan.Body!.TextContent, StringComparison.Ordinal);
        await NextYearPlanAsync(w, year + 1);
        var added = await SiparFactory.PostFormAsync(office, $"/par/results/{year}/agencies/{w.AgencyId}", new() { ["code"] = "1.3" }, $"/par/results/{year}/agencies/{w.AgencyId}?handler=Gap");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var task = await SiparFactory.HtmlAsync(await office.GetAsync(added.Headers.Location!.ToString()));
        Assert.Contains("Khắc phục tiêu chí 1.3", task.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);

        // Outputs: the self-assessment report and the appraisal table are valid documents; the table re-imports as results.
        var docx = await (await office.GetAsync($"{page}/self-assessment.docx")).Content.ReadAsByteArrayAsync();
        Assert.Contains("Kết quả tự đánh giá, chấm điểm Chỉ số cải cách hành chính năm 2041", DocumentChecks.ValidWordText(docx), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync($"{campaignPage}/appraisal.xlsx")).StatusCode);
        var xlsx = await (await appraiser.GetAsync($"{campaignPage}/appraisal.xlsx")).Content.ReadAsByteArrayAsync();
        var sheet = DocumentChecks.ValidSheetText(xlsx);
        Assert.Contains("Không có báo cáo kiểm tra", sheet, StringComparison.Ordinal);
        Assert.Contains("Đã gửi kèm báo cáo số 12/BC", sheet, StringComparison.Ordinal);
        _ = otherAssessmentId;

        // Every change was audited, with who made it.
        var audited = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Audit.AuditEntry>()
            .Where(e => e.EntityType == nameof(ParScore) && e.EntityId == scores["1.3"].ToString()).Select(e => e.ActorName).ToListAsync());
        Assert.True(audited.Count >= 3, string.Join(", ", audited));
    }

    [Fact]
    public async Task Campaign_forms_name_what_is_wrong_beside_the_field_and_classes_are_configurable()
    {
        const int year = 2043;
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var missing = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = "", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(5), ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create"));
        Assert.Contains("Vui lòng nhập hạn giải trình.", missing.QuerySelector("#Form_ExplanationDue")!.ParentElement!.TextContent, StringComparison.Ordinal);
        var noFramework = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = "", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(5), ["Form.ExplanationDue"] = Iso(20), ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create"));
        Assert.Contains("Vui lòng nhập tên đợt đánh giá.", noFramework.QuerySelector("#Form_Name")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hạn thẩm định không được trước hạn tự đánh giá.", noFramework.QuerySelector("#Form_AppraisalDue")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2043", noFramework.QuerySelector("#Form_Year")!.GetAttribute("value"));

        var created = await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = "Đánh giá 2043", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(15), ["Form.ExplanationDue"] = Iso(20), ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create");
        Assert.Contains("Chưa có bộ chỉ số năm 2043 cho loại Sở, ban, ngành", (await SiparFactory.HtmlAsync(created)).Body!.TextContent, StringComparison.Ordinal);
        await ImportFrameworkAsync(appraiser, year);
        created = await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = "Đánh giá 2043", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(15), ["Form.ExplanationDue"] = Iso(20), ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create");
        var page = created.Headers.Location!.ToString();
        var settings = new Dictionary<string, string>
        {
            ["Form.Year"] = $"{year}", ["Form.Name"] = "Đánh giá 2043", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(15), ["Form.ExplanationDue"] = Iso(20),
            ["Form.Bands"] = "90=Tốt;Khá", ["Form.SurveyHeld"] = "false",
        };
        var bad = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, settings, page + "?handler=Settings"));
        Assert.Contains("Xếp loại không hợp lệ", bad.QuerySelector("#Form_Bands")!.ParentElement!.TextContent, StringComparison.Ordinal);
        settings["Form.Bands"] = "90=Tốt; 80=Khá; 65=Trung bình; 0=Yếu";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, settings, page + "?handler=Settings")).StatusCode);
        var campaign = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParCampaign>().SingleAsync(c => c.Year == year));
        Assert.Equal(("90=Tốt;80=Khá;65=Trung bình;0=Yếu", false), (campaign.Bands, campaign.SurveyHeld));
        var form = await SiparFactory.HtmlAsync(await appraiser.GetAsync(page));
        Assert.False(form.QuerySelector("#Form_SurveyHeld")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task The_agency_page_compares_with_last_year_through_the_code_mapping()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        await ImportFrameworkAsync(appraiser, 2044);
        var source = (await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks", SiparFactory.Json))!.Single(f => f.Year == 2044);
        var copy = (await SiparFactory.PostFormAsync(appraiser, $"/par/frameworks/{source.Id}", [], $"/par/frameworks/{source.Id}?handler=Copy")).Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, copy, new() { ["previous[1.2]"] = "1.2;1.3", ["previous[1.3]"] = "" }, copy + "?handler=Map")).StatusCode);

        // 2044: 1.2 got 1 of 2 and 1.3 got 1 of 2 (together 2 of 4, 50%); 2045: the merged 1.2 got 2 of 2 (100%).
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            db.AddRange(
                ParResult.Imported(2044, agencyId, "1.2", 1, app.UtcNow), ParResult.Imported(2044, agencyId, "1.3", 1, app.UtcNow),
                ParResult.Imported(2044, agencyId, "2", 10, app.UtcNow),
                ParResult.Imported(2045, agencyId, "1.2", 2, app.UtcNow), ParResult.Imported(2045, agencyId, "2", 5, app.UtcNow));
            await db.SaveChangesAsync();
        });
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var html = await SiparFactory.HtmlAsync(await office.GetAsync($"/par/results/2045/agencies/{agencyId}"));
        var row = html.QuerySelectorAll("[data-testid=all-criteria] tr").Single(r => r.Children[0].TextContent == "1.2");
        Assert.Equal(["2/2", "100%", "2/4", "+50"], row.Children.Skip(2).Select(c => c.TextContent.Trim()));
        var notImproved = html.QuerySelectorAll("[data-testid=gap-not-improved] li").Select(li => li.TextContent.Split(' ')[0]).ToList();
        Assert.Contains("1.1", notImproved);
        Assert.DoesNotContain("1.2", notImproved);
        Assert.Contains("(So với năm trước −", html.QuerySelector("[data-testid=headline]")!.TextContent.Replace("-", "−", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static decimal MaxOf(string code) => Framework.FromFile(FrameworkReader.Read("d.json", ParIndexModule.DemoFramework()), 2041, AgencyKind.Department, null, DateTime.UnixEpoch)
        .Items.First(i => i.Code == code).MaxPoints;

    private string Iso(int days) => app.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    internal static async Task ImportFrameworkAsync(HttpClient appraiser, int year)
    {
        var response = await appraiser.PostAsync($"/api/par/frameworks?fileName=demo.json&import=true&year={year}", SiparFactory.Body(ParIndexModule.DemoFramework(), "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Dictionary<string, Guid>> ScoresAsync(HttpClient client, Guid assessmentId)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/par/assessments/{assessmentId}", SiparFactory.Json);
        return json.GetProperty("scores").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("id").GetGuid());
    }

    private static async Task<JsonElement> ScoreJsonAsync(HttpClient client, Guid assessmentId, string code)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/api/par/assessments/{assessmentId}", SiparFactory.Json);
        return json.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("code").GetString() == code);
    }

    private static Task<HttpResponseMessage> SelfAsync(HttpClient client, Guid assessmentId, Guid scoreId, string points, string? explanation)
    {
        var url = $"/par/assessments/{assessmentId}/items/{scoreId}";
        return SiparFactory.PostFormAsync(client, url, new() { ["Points"] = points, ["Explanation"] = explanation ?? "" }, url + "?handler=Self");
    }

    private static Task<HttpResponseMessage> AppraiseAsync(HttpClient client, Guid assessmentId, Guid scoreId, string points, string? reason)
    {
        var url = $"/par/assessments/{assessmentId}/items/{scoreId}";
        return SiparFactory.PostFormAsync(client, url, new() { ["Points"] = points, ["Reason"] = reason ?? "" }, url + "?handler=Appraise");
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid assessmentId, Guid scoreId, string name, byte[] content)
    {
        var url = $"/par/assessments/{assessmentId}/items/{scoreId}";
        var token = await SiparFactory.AntiforgeryTokenAsync(client, url);
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var form = new MultipartFormDataContent { { file, "evidence", name }, { new StringContent(token), "__RequestVerificationToken" } };
        return await client.PostAsync(url + "?handler=File", form);
    }

    [Fact]
    public async Task The_self_assessment_report_goes_to_the_recipients_the_campaign_names()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var (_, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId, configure: c => c.Configure(ParCampaign.DefaultBands, surveyHeld: true, "Hội đồng thẩm định Chỉ số CCHC tỉnh\nLưu: VT"));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var text = DocumentChecks.ValidWordText(await (await office.GetAsync($"/par/assessments/{assessmentId}/self-assessment.docx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Hội đồng thẩm định Chỉ số CCHC tỉnh", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sở Nội vụ (thẩm định)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finalising_waits_for_the_explanation_through_its_due_day_in_Vietnam_and_not_a_minute_longer()
    {
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var (campaignId, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId);
        await app.SubmitWithZeroScoresAsync(assessmentId);
        var due = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var a = await db.Set<ParAssessment>().Include(x => x.Scores).SingleAsync(x => x.Id == assessmentId);
            var first = a.Scores.First(x => x.Method == ScoringMethod.SelfAssessed);
            a.RequestExplanation(new Dictionary<Guid, string> { [first.Id] = "Đề nghị giải trình" }, app.UtcNow);
            foreach (var s in a.Scores)
            {
                a.Appraise(s.Id, s.SelfPoints ?? 0, "Thẩm định");
            }

            await db.SaveChangesAsync();
            return (await db.Set<ParCampaign>().SingleAsync(c => c.Id == campaignId)).ExplanationDue;
        });
        var page = $"/par/assessments/{assessmentId}";

        // 16:59 UTC on the due day is 23:59 in Việt Nam: the agency may still answer, so finalising waits.
        app.Clock.SetUtcNow(new DateTimeOffset(due.ToDateTime(new TimeOnly(16, 59)), TimeSpan.Zero));
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var waiting = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, [], page + "?handler=Finalise"));
        Assert.Contains("Đang chờ cơ quan giải trình đến hết hạn", waiting.Body!.TextContent, StringComparison.Ordinal);

        // Two minutes later the deadline has passed in Việt Nam.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, new() { ["confirmed"] = "true" }, page + "?handler=Finalise")).StatusCode);
        var status = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Where(a => a.Id == assessmentId).Select(a => a.Status).SingleAsync());
        Assert.Equal(AssessmentStatus.Finalised, status);
    }

    [Fact]
    public async Task Survey_points_are_refused_for_an_assessment_still_in_draft()
    {
        var (agencyId, _, agencyName) = await app.CreateAgencyAsync();
        var (campaignId, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId);
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var preview = await SiparFactory.HtmlAsync(await SurveyAsync(appraiser, $"/par/campaigns/{campaignId}", Encoding.UTF8.GetBytes($"Cơ quan,Mã tiêu chí,Điểm\n{agencyName},8.1,9\n")));
        Assert.Contains("chưa nộp bản tự đánh giá", preview.QuerySelector("[data-testid=survey-errors]")!.TextContent, StringComparison.Ordinal);
        var appraised = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Include(a => a.Scores)
            .Where(a => a.Id == assessmentId).SelectMany(a => a.Scores).CountAsync(x => x.AppraisedPoints != null));
        Assert.Equal(0, appraised);
    }

    private static async Task<HttpResponseMessage> SurveyAsync(HttpClient client, string campaignPage, byte[] csv)
    {
        var token = await SiparFactory.AntiforgeryTokenAsync(client, campaignPage);
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var form = new MultipartFormDataContent { { file, "upload", "dieu-tra.csv" }, { new StringContent(token), "__RequestVerificationToken" } };
        return await client.PostAsync(campaignPage + "?handler=Survey", form);
    }

    private sealed record World(Guid AgencyId, string AgencyName, Guid Office, Guid Planning, Guid TaskId, Guid OtherAgencyId, string OtherAgencyName, Guid OtherUnit);

    /// <summary>Two departments; the first has an issued plan for the year with one task done on time.</summary>
    private Task<World> WorldAsync(int year) =>
        app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var name = $"Sở Lao động {Guid.NewGuid():N}"[..24];
            var agency = await admin.CreateAsync(new AgencyInput(name, "SLĐ", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var planning = await admin.AddUnitAsync(agency, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var otherName = $"Sở Tư pháp {Guid.NewGuid():N}"[..23];
            var other = await admin.CreateAsync(new AgencyInput(otherName, "STP", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var otherUnit = await admin.AddUnitAsync(other, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var content = new PlanContent(year, null, "KH-SLĐ", null, "Lạng Sơn", null, "Kế hoạch CCHC", [], [], [],
                [new SectionContent("II.1", "Công tác chỉ đạo, điều hành cải cách hành chính", office, false, [], ["Tham mưu báo cáo định kỳ."])], [], [], null, null, null);
            var plan = Plan.CreateDraft(agency, content, new HashSet<Guid> { office, planning }, app.UtcNow);
            plan.Issue("1", new DateOnly(year, 1, 5));
            var task = plan.Sections[0].Tasks[0];
            task.ReportProgress(office, Guid.NewGuid(), PlanTaskStatus.Done, "Xong", new Dictionary<Guid, string?>(), app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            var cchc = ReportType.Create(agency, ReportTypes.Cchc(ReportingTemplate.Default), new HashSet<Guid>(), year);
            var obligation = ReportObligation.Create(plan.Id, cchc.Id, null, app.UtcNow);
            db.AddRange(cchc, obligation);
            db.AddRange(ReportingPeriod.DefaultsFor(plan.Id, obligation.Id, year, due => due.AddDays(-7)));
            await db.SaveChangesAsync();
            return new World(agency, name, office, planning, task.Id, other, otherName, otherUnit);
        });

    private Task NextYearPlanAsync(World w, int year) =>
        app.WithServicesAsync(async sp =>
        {
            var content = new PlanContent(year, null, "KH-SLĐ", null, "Lạng Sơn", null, "Kế hoạch CCHC năm sau", [], [], [],
                [
                    new SectionContent("II.1", "Công tác chỉ đạo, điều hành cải cách hành chính", w.Office, false, [], ["Ban hành kế hoạch."]),
                    new SectionContent("II.2", "Cải cách tổ chức bộ máy", w.Planning, false, [], ["Rà soát chức năng."]),
                ], [], [], null, null, null);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(Plan.CreateDraft(w.AgencyId, content, new HashSet<Guid> { w.Office, w.Planning }, app.UtcNow));
            await db.SaveChangesAsync();
        });
}

public sealed class ParWorkflowTestsOnSqlite(SqliteFactory app) : ParWorkflowTests<SqliteFactory>(app);

public sealed class ParWorkflowTestsOnPostgres(PostgresFactory app) : ParWorkflowTests<PostgresFactory>(app);
