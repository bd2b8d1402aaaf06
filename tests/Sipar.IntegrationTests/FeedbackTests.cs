using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Calendar;
using Sipar.Modules.Feedback;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// Feedback end to end on both databases: the public form (challenge, throttle, attachments, script in every field),
/// handling through the state machine with the office, a unit and a leader, the public answers and the sender's
/// lookup, rating and reopening, privacy of conduct complaints, reminders and escalation on the calendar, the QĐ 766
/// figures on the API, the export and the CLI, a complaint marking its dossier, and recurring topics into the plan.
/// </summary>
public abstract partial class FeedbackTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private const string Script = "<script>alert('x')</script>";

    private const string Formula = "=HYPERLINK(\"http://evil.example\",\"bấm\")";

    [Fact]
    public async Task A_web_submission_is_classified_assigned_answered_approved_published_looked_up_rated_and_reopened()
    {
        var w = await WorldAsync();
        var citizen = app.NewClient();

        // Bad input first: nothing is recorded, every message sits beside its field, what was typed stays.
        var bad = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, new() { ["Description"] = "ngắn", ["Phone"] = "12", ["Name"] = "Trần B" },
            ("a.pdf", Pdf), ("b.png", Png), ("c.jpg", Jpeg), ("d.pdf", Pdf)));
        Assert.Contains("ít nhất 10 ký tự", Message(bad, "Description"), StringComparison.Ordinal);
        Assert.Contains("Chọn lĩnh vực", Message(bad, "CategoryId"), StringComparison.Ordinal);
        Assert.Contains("9–15 chữ số", Message(bad, "Phone"), StringComparison.Ordinal);
        Assert.Contains("tối đa 3 tệp", Message(bad, "Attachments"), StringComparison.Ordinal);
        Assert.Equal("ngắn", bad.QuerySelector("#Description")!.TextContent);
        var disguised = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, Valid(w), ("anh.png", Encoding.UTF8.GetBytes("MZ not an image"))));
        Assert.Contains("không đúng với loại tệp", Message(disguised, "Attachments"), StringComparison.Ordinal);
        var wrongSum = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, Valid(w), wrongAnswer: true));
        Assert.Contains("Kết quả phép tính chưa đúng", Message(wrongSum, "ChallengeAnswer"), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(w.AgencyId));

        // Script and a formula in every text field; a real PDF attached.
        var fields = Valid(w);
        fields["Description"] = $"Cán bộ yêu cầu bản sao không có trong danh mục {Script} {Formula}. Gọi tôi số 0912 345 678.";
        fields["Name"] = "Phạm Thị Lan " + Script;
        var receipt = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, fields, ("bien-ban.pdf", Pdf)));
        var code = receipt.QuerySelector("[data-testid=receipt-code]")!.TextContent.Trim();
        var secret = receipt.QuerySelector("[data-testid=receipt-secret]")!.TextContent.Trim();
        Assert.Matches("^PA[A-Z2-9]{9}$", code);
        Assert.Matches("sipar_feedback_received_total\\{[^}]*channel=\"Web\"[^}]*\\} [1-9]", await app.ScrapeMetricsAsync("sipar_feedback_received_total"));
        var id = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().Where(f => f.Code == code).Select(f => f.Id).SingleAsync());
        var calendar = await app.WithServicesAsync(sp => sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None));
        var page = $"/feedback/{id}";

        // Every step is audited, but the sender's contact details never reach the trail.
        var audit = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Audit.AuditEntry>()
            .Where(e => e.EntityId == id.ToString()).Select(e => e.Changes).ToListAsync());
        Assert.NotEmpty(audit);
        Assert.DoesNotContain(audit, c => c.Contains("0912345678", StringComparison.Ordinal) || c.Contains("lan@example.vn", StringComparison.Ordinal) || c.Contains("Phạm Thị Lan", StringComparison.Ordinal));

        // The office sees it; the text is shown as text (never as markup); the unit sees nothing before it is assigned.
        var office = await app.SignedInClientAsync(w.Office);
        var raw = await office.GetStringAsync(page);
        Assert.DoesNotContain(Script, raw, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", raw, StringComparison.Ordinal);
        var unitA = await app.SignedInClientAsync(w.UnitAOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await unitA.GetAsync(page)).StatusCode);
        Assert.Empty(await unitA.GetFromJsonAsync<List<object>>("/api/feedback", SiparFactory.Json) ?? []);

        var item = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Equal(Sipar.Infrastructure.Localization.Show.Date(calendar.AddWorkingDays(app.Today, 2)), item.QuerySelector("[data-testid=due]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await Act(office, page, "Classify", new() { ["CategoryId"] = w.ProcedureCategory.ToString() })).StatusCode);
        var assignedTo = await SiparFactory.HtmlAsync(await Act(office, page, "Assign", new() { ["UnitId"] = "" }));
        Assert.Contains("Đơn vị không thuộc cơ quan", assignedTo.QuerySelector("[data-testid=errors], .validation-summary-errors, [data-valmsg-for=UnitId]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(office, page, "Assign", new() { ["UnitId"] = w.UnitA.ToString() })).StatusCode);
        var assigned = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Equal(Sipar.Infrastructure.Localization.Show.Date(calendar.AddWorkingDays(app.Today, 10)), assigned.QuerySelector("[data-testid=due]")!.TextContent.Trim());

        // The unit answers (it sees the sender's contact: it handles the item); another unit still sees nothing; a leader approves.
        var unitB = await app.SignedInClientAsync(w.UnitBOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await unitB.GetAsync(page)).StatusCode);
        Assert.Contains("0912345678", (await SiparFactory.HtmlAsync(await unitA.GetAsync(page))).QuerySelector("[data-testid=sender]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(unitA, page, "Approve", new() { ["Answer"] = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Act(unitA, page, "Answer", new() { ["Answer"] = "Sở đã bỏ yêu cầu bản sao này từ ngày 01/12/2026. " + Script })).StatusCode);
        var leader = await app.SignedInClientAsync(w.Leader);
        var approvePage = await SiparFactory.HtmlAsync(await leader.GetAsync(page));
        var suggested = approvePage.QuerySelector("#PublicQuestion")!.TextContent;
        Assert.DoesNotContain("0912 345 678", suggested, StringComparison.Ordinal);
        Assert.Contains(FeedbackDesk.Hidden, suggested, StringComparison.Ordinal);
        var publicQuestion = "Cán bộ yêu cầu bản sao không có trong danh mục thủ tục.";
        var publicAnswer = "Sở đã bỏ yêu cầu bản sao này từ ngày 01/12/2026.";
        var preview = await SiparFactory.HtmlAsync(await Act(leader, page, "Preview", new() { ["Answer"] = "Sở đã bỏ yêu cầu.", ["PublicQuestion"] = publicQuestion, ["PublicAnswer"] = publicAnswer }));
        Assert.Contains(publicAnswer, preview.QuerySelector("[data-testid=public-preview]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Chờ lãnh đạo duyệt", preview.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await Act(leader, page, "Approve", new() { ["Answer"] = "Sở đã bỏ yêu cầu bản sao này.", ["PublicQuestion"] = publicQuestion, ["PublicAnswer"] = publicAnswer })).StatusCode);
        var mailsBefore = app.Smtp.Messages.Count(m => m.To == "lan@example.vn");
        Assert.Equal(HttpStatusCode.Redirect, (await Act(office, page, "Send", [])).StatusCode);
        Assert.Equal(mailsBefore + 1, app.Smtp.Messages.Count(m => m.To == "lan@example.vn"));

        // Published: found without diacritics, with only the approved texts (no name, no phone).
        var answers = await citizen.GetStringAsync($"/phan-anh/da-tra-loi?Agency={w.AgencyId}&Q=BAN%20SAO%20KHONG%20CO");
        Assert.Contains(publicAnswer, answers, StringComparison.Ordinal);
        Assert.DoesNotContain("Phạm Thị Lan", answers, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", answers, StringComparison.Ordinal);
        Assert.DoesNotContain(publicAnswer, await citizen.GetStringAsync($"/phan-anh/da-tra-loi?Agency={w.AgencyId}&Q=khong%20lien%20quan"), StringComparison.Ordinal);

        // The sender's lookup: a wrong secret shows nothing; the right one the timeline and the answer; unsatisfied reopens.
        var wrong = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/phan-anh/tra-cuu", new() { ["Code"] = code, ["Secret"] = "AAAAAA" }));
        Assert.NotNull(wrong.QuerySelector("[data-testid=not-found]"));
        Assert.Null(wrong.QuerySelector("[data-testid=found]"));
        var found = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/phan-anh/tra-cuu", new() { ["Code"] = code, ["Secret"] = secret }));
        Assert.Equal("Đã trả lời", found.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Contains("Sở đã bỏ yêu cầu bản sao này.", found.QuerySelector("[data-testid=answer]")!.TextContent, StringComparison.Ordinal);
        var noReason = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/phan-anh/tra-cuu", new() { ["Code"] = code, ["Secret"] = secret, ["Satisfied"] = "false" }, "/phan-anh/tra-cuu?handler=Rate"));
        Assert.Contains("lý do chưa hài lòng", Message(noReason, "Reason"), StringComparison.Ordinal);
        var reopened = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/phan-anh/tra-cuu", new() { ["Code"] = code, ["Secret"] = secret, ["Satisfied"] = "false", ["Reason"] = "Lần sau vẫn bị yêu cầu" }, "/phan-anh/tra-cuu?handler=Rate"));
        Assert.Equal("Đơn vị đang xử lý", reopened.QuerySelector("[data-testid=status]")!.TextContent.Trim());

        // The register's export keeps the script and the formula as plain text (an inline string, never a formula).
        var xlsx = await office.GetByteArrayAsync("/feedback?handler=Export");
        using (var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
            Assert.Empty(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>());
            Assert.Contains(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>(), t => t.Text.Contains(Formula, StringComparison.Ordinal) && t.Text.Contains(Script, StringComparison.Ordinal));
            Assert.DoesNotContain(sheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>(), t => t.Text.Contains("0912345678", StringComparison.Ordinal));
        }

        // The attachment is a download for handlers only.
        var attachment = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackAttachment>().Where(a => a.FeedbackId == id).Select(a => a.Id).SingleAsync());
        var download = await office.GetAsync($"{page}?handler=Attachment&file={attachment}");
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await unitB.GetAsync($"{page}?handler=Attachment&file={attachment}")).StatusCode);
    }

    [Fact]
    public async Task A_conduct_complaint_is_seen_only_by_leaders_and_the_office_never_by_the_unit_it_names()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(w.Office);
        var created = await office.PostAsJsonAsync("/api/feedback", new
        {
            CategoryId = w.ConductCategory, Description = "Cán bộ Phòng A gợi ý nộp thêm 500.000 đồng để được trả kết quả sớm.", Anonymous = true, Channel = "Hotline",
        }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(SiparFactory.Json))!["id"].GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/feedback/{id}/classify", new { CategoryId = w.ConductCategory, NamedUnitId = w.UnitA }, SiparFactory.Json)).StatusCode);
        var toNamed = await office.PostAsJsonAsync($"/api/feedback/{id}/assign", new { UnitId = w.UnitA }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, toNamed.StatusCode);
        Assert.Contains("không được giao cho chính đơn vị bị phản ánh", await toNamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/feedback/{id}/assign", new { UnitId = w.UnitB }, SiparFactory.Json)).StatusCode);

        foreach (var unit in new[] { w.UnitAOfficer, w.UnitBOfficer })
        {
            var client = await app.SignedInClientAsync(unit);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/feedback/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/feedback/{id}")).StatusCode);
            Assert.DoesNotContain("500.000", await client.GetStringAsync("/feedback"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/feedback/{id}/answer", new { Answer = "Không có việc đó." }, SiparFactory.Json)).StatusCode);
        }

        var leader = await app.SignedInClientAsync(w.Leader);
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync($"/api/feedback/{id}")).StatusCode);
        Assert.Contains("500.000", await leader.GetStringAsync("/feedback"), StringComparison.Ordinal);
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.OtherAgency, w.OtherUnit));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/feedback/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/feedback?agencyId={w.AgencyId}")).StatusCode);

        // Nothing is deleted: a duplicate merges into it and both stay, with steps naming each other.
        var dup = await office.PostAsJsonAsync("/api/feedback", new { CategoryId = w.ConductCategory, Description = "Trùng: cán bộ Phòng A đòi thêm tiền.", Anonymous = true, Channel = "Letter" }, SiparFactory.Json);
        var dupId = (await dup.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(SiparFactory.Json))!["id"].GetGuid();
        var code = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().Where(f => f.Id == id).Select(f => f.Code).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/feedback/{dupId}/merge", new { Target = code }, SiparFactory.Json)).StatusCode);
        var both = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().Include(f => f.Steps).Where(f => f.Id == id || f.Id == dupId).ToListAsync());
        Assert.Equal(FeedbackStatus.Merged, both.Single(f => f.Id == dupId).Status);
        Assert.Contains(both.Single(f => f.Id == id).Steps, s => s.Action == FeedbackAction.MergedFrom);
    }

    [Fact]
    public async Task Reminders_come_before_the_deadline_escalation_after_it_and_the_766_figures_follow()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(w.Office);
        async Task<Guid> EnterAsync(string text, string? dossier = null)
        {
            var r = await office.PostAsJsonAsync("/api/feedback", new { CategoryId = w.ProcedureCategory, Description = text, Name = "Bế Văn C", Email = "c@example.vn", Channel = "Email", DossierCode = dossier }, SiparFactory.Json);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(SiparFactory.Json))!["id"].GetGuid();
        }

        // A complaint naming a dossier marks it (QĐ 766 dossier satisfaction); an unknown dossier code is refused by name.
        var unknown = await office.PostAsJsonAsync("/api/feedback", new { CategoryId = w.ProcedureCategory, Description = "Hồ sơ của tôi bị chậm.", Anonymous = true, Channel = "Email", DossierCode = "KHONG-CO" }, SiparFactory.Json);
        Assert.Contains("Không tìm thấy hồ sơ", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var onTime = await EnterAsync("Hồ sơ hưởng trợ cấp bị yêu cầu bổ sung nhiều lần.", w.DossierCode);
        Assert.True(await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Dossiers.Dossier>().Where(d => d.Code == w.DossierCode).Select(d => d.ComplainedAbout).SingleAsync()));
        var late = await EnterAsync("Không được hướng dẫn khi nộp hồ sơ trực tuyến.");
        var open = await EnterAsync("Chưa được trả lời về phí thẩm định.");
        var referred = await EnterAsync("Đề nghị sửa đường vào khu dân cư (không thuộc Sở).");
        await office.PostAsJsonAsync($"/api/feedback/{referred}/refer", new { ReferredTo = "UBND thành phố Lạng Sơn" }, SiparFactory.Json);
        foreach (var id in new[] { onTime, late, open })
        {
            Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/feedback/{id}/classify", new { CategoryId = w.ProcedureCategory }, SiparFactory.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await office.PostAsJsonAsync($"/api/feedback/{id}/assign", new { UnitId = w.UnitA }, SiparFactory.Json)).StatusCode);
        }

        var calendar = await app.WithServicesAsync(sp => sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None));
        var due = calendar.AddWorkingDays(app.Today, 10);
        await AnswerAndSendAsync(w, onTime);

        // The working day before the deadline: one reminder each to the unit; after it: escalation to the leaders, once.
        MoveTo(calendar.SubtractWorkingDays(due, 1));
        var unitMails = app.Smtp.Messages.Count(m => m.To == w.UnitAOfficer.Email);
        var leaderMails = app.Smtp.Messages.Count(m => m.To == w.Leader.Email);
        await app.WithServicesAsync(sp => sp.GetRequiredService<FeedbackDeadlines>().RunAsync(CancellationToken.None));
        Assert.Equal((2, 0), await MarksAsync(w.AgencyId));
        Assert.Equal(unitMails + 2, app.Smtp.Messages.Count(m => m.To == w.UnitAOfficer.Email));
        MoveTo(calendar.NextWorkingDay(due));
        await app.WithServicesAsync(sp => sp.GetRequiredService<FeedbackDeadlines>().RunAsync(CancellationToken.None));
        Assert.Equal((2, 2), await MarksAsync(w.AgencyId));
        // The leaders see the escalations on their home page, linked to the list.
        var home = await SiparFactory.HtmlAsync(await (await app.SignedInClientAsync(w.Leader)).GetAsync("/"));
        Assert.Equal("2 đã chuyển lãnh đạo", home.QuerySelector("[data-testid=feedback-escalated]")!.TextContent.Trim());
        Assert.Equal("/feedback?Due=escalated", home.QuerySelector("[data-testid=feedback-escalated]")!.GetAttribute("href"));
        Assert.Null((await SiparFactory.HtmlAsync(await (await app.SignedInClientAsync(w.UnitAOfficer)).GetAsync("/"))).QuerySelector("[data-testid=feedback-watch]"));
        Assert.Equal(leaderMails + 2, app.Smtp.Messages.Count(m => m.To == w.Leader.Email));
        await app.WithServicesAsync(sp => sp.GetRequiredService<FeedbackDeadlines>().RunAsync(CancellationToken.None));
        Assert.Equal(leaderMails + 2, app.Smtp.Messages.Count(m => m.To == w.Leader.Email));
        await AnswerAndSendAsync(w, late);
        // The sender of the on-time answer is not satisfied (after the reopening window: flagged, not reopened).
        MoveTo(calendar.AddWorkingDays(app.Today, 11));
        var sender = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().Where(f => f.Id == onTime).Select(f => new { f.Code, f.LookupSecret }).SingleAsync());
        var rated = await app.NewClient().PostAsJsonAsync("/api/public/feedback/rate", new { sender.Code, Secret = sender.LookupSecret, Satisfied = false, Reason = "Chưa thỏa đáng" }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.NoContent, rated.StatusCode);

        // 4 received, 3 in scope: 1 on time (unsatisfied), 1 late, 1 open past its deadline. On time 1/3; satisfaction (3 − 3)/3.
        var leader = await app.SignedInClientAsync(w.Leader);
        var from = app.Today.AddMonths(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = app.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var figures = await leader.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/feedback/indicators?from={from}&to={to}&by=Unit", SiparFactory.Json);
        var total = figures.GetProperty("total");
        Assert.Equal((4, 3, 1, 1, 1, 1, 1), (total.GetProperty("received").GetInt32(), total.GetProperty("inScope").GetInt32(), total.GetProperty("outOfScope").GetInt32(),
            total.GetProperty("onTime").GetInt32(), total.GetProperty("late").GetInt32(), total.GetProperty("pendingLate").GetInt32(), total.GetProperty("unsatisfied").GetInt32()));
        Assert.Equal(33.33m, total.GetProperty("onTimeRate").GetDecimal());
        Assert.Equal(0m, total.GetProperty("satisfactionRate").GetDecimal());
        Assert.Contains(figures.GetProperty("rows").EnumerateArray(), r => r.GetProperty("label").GetString() == "Phòng A" && r.GetProperty("figures").GetProperty("inScope").GetInt32() == 3);

        // The CLI gives the same numbers; the dashboard page and its .xlsx too.
        var (exit, output, _) = await app.RunCliAsync("feedback", "indicators", "--agency", w.Symbol, "--from", from, "--to", to, "--json");
        Assert.Equal(0, exit);
        Assert.Equal(33.33m, System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("total").GetProperty("onTimeRate").GetDecimal());
        var dashboard = await SiparFactory.HtmlAsync(await leader.GetAsync($"/feedback/indicators?From={from}&To={to}&By=Category"));
        Assert.Equal("33,33%", dashboard.QuerySelector("[data-testid=kpi-ontime]")!.TextContent.Trim());
        Assert.Equal("0%", dashboard.QuerySelector("[data-testid=kpi-satisfaction]")!.TextContent.Trim());
        using var book = SpreadsheetDocument.Open(new MemoryStream(await leader.GetByteArrayAsync($"/feedback/indicators?handler=Export&From={from}&To={to}&By=Channel")), false);
        Assert.Contains(book.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Text>(), t => t.Text == "33.33");

        // PAR INDEX reads the same rates through its data sources.
        // One after the other: the sources share the scope's DbContext.
        var sources = await app.WithServicesAsync(async sp =>
        {
            var rows = new List<(string Code, IReadOnlyList<Sipar.Modules.ParIndex.DataSourceRow> Rows)>();
            foreach (var source in sp.GetServices<Sipar.Modules.ParIndex.IParDataSource>().Where(s => s.Code.StartsWith("feedback-", StringComparison.Ordinal)))
            {
                rows.Add((source.Code, await source.RowsAsync(w.AgencyId, app.Today.Year, app.Today, CancellationToken.None)));
            }

            return rows;
        });
        Assert.Equal([false, false, true], sources.Single(s => s.Code == "feedback-on-time").Rows.Select(r => r.OnTime == true).Order());
        Assert.All(sources.Single(s => s.Code == "feedback-satisfaction").Rows, r => Assert.False(r.OnTime));
    }

    [Fact]
    public async Task The_public_form_stops_a_flood_from_one_client_politely_and_keeps_what_was_typed()
    {
        var w = await WorldAsync();
        var citizen = app.NewClient();
        var before = await CountAsync(w.AgencyId);
        // Every test client has the same (unknown) address: start from a fresh hour, and leave one behind.
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        for (var i = 0; i < 5; i++)
        {
            var ok = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, Valid(w)));
            Assert.NotNull(ok.QuerySelector("[data-testid=feedback-receipt]"));
        }

        var fields = Valid(w);
        fields["Description"] = "Phản ánh thứ sáu trong một giờ, phải được giữ lại trên trang.";
        var refused = await SiparFactory.HtmlAsync(await SubmitAsync(citizen, w.AgencyId, fields));
        Assert.Contains("gửi lại sau khoảng", refused.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(fields["Description"], refused.QuerySelector("#Description")!.TextContent);
        Assert.Equal(before + 5, await CountAsync(w.AgencyId));

        // The JSON API keeps the same rules (challenge included); an hour later the client may send again.
        var api = app.NewClient();
        var noChallenge = await api.PostAsJsonAsync("/api/public/feedback", new { w.AgencyId, CategoryId = w.ProcedureCategory, Description = "Qua API, không có phép tính.", Anonymous = true }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, noChallenge.StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var challenge = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/public/feedback/challenge", SiparFactory.Json);
        var sum = Regex.Matches(challenge.GetProperty("question").GetString()!, @"\d+").Sum(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture));
        var accepted = await api.PostAsJsonAsync("/api/public/feedback", new
        {
            w.AgencyId, CategoryId = w.ProcedureCategory, Description = "Qua API, có phép tính đúng.", Anonymous = true,
            ChallengeToken = challenge.GetProperty("token").GetString(), ChallengeAnswer = sum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Attachments = new[] { new { FileName = "anh.jpg", Content = Convert.ToBase64String(Jpeg) } },
        }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var receipt = await accepted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(SiparFactory.Json);
        var lookup = await api.PostAsJsonAsync("/api/public/feedback/lookup", new { Code = receipt.GetProperty("code").GetString(), Secret = receipt.GetProperty("secret").GetString() }, SiparFactory.Json);
        Assert.Equal("Received", (await lookup.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(SiparFactory.Json)).GetProperty("status").GetString());
        app.Clock.Advance(TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task A_recurring_category_becomes_one_task_in_the_chosen_plan_led_by_its_usual_unit()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(w.Office);
        for (var i = 0; i < 5; i++)
        {
            var r = await office.PostAsJsonAsync("/api/feedback", new { CategoryId = w.ProcedureCategory, Description = $"Thủ tục rườm rà lần {i + 1}.", Anonymous = true, Channel = "Hotline" }, SiparFactory.Json);
            var id = (await r.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(SiparFactory.Json))!["id"].GetGuid();
            await office.PostAsJsonAsync($"/api/feedback/{id}/classify", new { CategoryId = w.ProcedureCategory }, SiparFactory.Json);
            await office.PostAsJsonAsync($"/api/feedback/{id}/assign", new { UnitId = w.UnitB }, SiparFactory.Json);
        }

        var year = app.Today.Year + 1;
        await app.WithServicesAsync(async sp =>
        {
            var content = new PlanContent(year, null, "KH-STN", null, "Lạng Sơn", null, "Kế hoạch CCHC năm sau", [], [], [],
                [
                    new SectionContent("II.1", "Công tác chỉ đạo, điều hành", w.OfficeUnit, false, [], ["Ban hành kế hoạch."]),
                    new SectionContent("II.2", "Cải cách thủ tục hành chính", w.UnitB, false, [], ["Rà soát thủ tục."]),
                ], [], [], null, null, null);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(Plan.CreateDraft(w.AgencyId, content, new HashSet<Guid> { w.OfficeUnit, w.UnitA, w.UnitB }, app.UtcNow));
            await db.SaveChangesAsync();
        });
        var list = await SiparFactory.HtmlAsync(await office.GetAsync("/feedback/recurring?Threshold=5"));
        var row = list.QuerySelectorAll("[data-testid=recurring-topic]").Single();
        Assert.Contains("5", row.Children[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(w.UnitB.ToString(), row.QuerySelector("select option[selected]")!.GetAttribute("value"));
        var fields = new Dictionary<string, string> { ["Kind"] = "category", ["Key"] = w.ProcedureCategory.ToString(), ["Year"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["LeadUnitId"] = w.UnitB.ToString(), ["Threshold"] = "5" };
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/feedback/recurring?Threshold=5", fields, "/feedback/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/feedback/recurring?Threshold=5", fields, "/feedback/recurring")).StatusCode);
        var tasks = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<PlanSection>().Include(s => s.Tasks)
            .Where(s => s.LeadUnitId == w.UnitB && s.Heading == "Cải cách thủ tục hành chính").SelectMany(s => s.Tasks).Select(t => t.Text).ToListAsync());
        Assert.Single(tasks, t => t.Contains("phản ánh nhiều", StringComparison.Ordinal));
        Assert.NotNull((await SiparFactory.HtmlAsync(await office.GetAsync("/feedback/recurring?Threshold=5"))).QuerySelector("[data-testid=in-plan]"));
        var unit = await app.SignedInClientAsync(w.UnitAOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.GetAsync("/feedback/recurring")).StatusCode);
    }

    [Fact]
    public async Task Categories_are_data_an_administrator_adds_one_with_its_own_deadlines_and_it_applies()
    {
        var w = await WorldAsync();
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var office = await app.SignedInClientAsync(w.Office);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.GetAsync("/feedback/categories")).StatusCode);
        var bad = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(admin, "/feedback/categories", new() { ["Code"] = "Có dấu!", ["Name"] = "", ["ClassifyDays"] = "1", ["AnswerDays"] = "5" }, "/feedback/categories?handler=Add"));
        Assert.Contains("chữ thường không dấu", Message(bad, "Code"), StringComparison.Ordinal);
        var code = "moi-" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(admin, "/feedback/categories",
            new() { ["Code"] = code, ["Name"] = "Chế độ chính sách", ["ClassifyDays"] = "1", ["AnswerDays"] = "5" }, "/feedback/categories?handler=Add")).StatusCode);
        var category = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackCategory>().SingleAsync(c => c.Code == code));
        var tooLong = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(admin, "/feedback/categories",
            new() { ["Id"] = category.Id.ToString(), ["Name"] = "Chế độ chính sách", ["ClassifyDays"] = "1", ["AnswerDays"] = "120", ["Active"] = "true" }, "/feedback/categories?handler=Save"));
        Assert.Contains("Từ 1 đến 90 ngày làm việc", Message(tooLong, "AnswerDays"), StringComparison.Ordinal);

        var r = await office.PostAsJsonAsync("/api/feedback", new { CategoryId = category.Id, Description = "Chậm chi trả trợ cấp tháng này.", Anonymous = true, Channel = "InPerson" }, SiparFactory.Json);
        var id = (await r.Content.ReadFromJsonAsync<Dictionary<string, System.Text.Json.JsonElement>>(SiparFactory.Json))!["id"].GetGuid();
        await office.PostAsJsonAsync($"/api/feedback/{id}/classify", new { CategoryId = category.Id }, SiparFactory.Json);
        var calendar = await app.WithServicesAsync(sp => sp.GetRequiredService<ICalendars>().GetAsync(CancellationToken.None));
        var item = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().SingleAsync(f => f.Id == id));
        Assert.Equal(calendar.AddWorkingDays(item.ReceivedOn, 1), item.ClassifyDue);
        Assert.Equal(calendar.AddWorkingDays(item.ClassifiedOn!.Value, 5), item.AnswerDue);

        // Retired: no longer offered on the public form.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(admin, "/feedback/categories",
            new() { ["Id"] = category.Id.ToString(), ["Name"] = "Chế độ chính sách", ["ClassifyDays"] = "1", ["AnswerDays"] = "5" }, "/feedback/categories?handler=Save")).StatusCode);
        Assert.DoesNotContain("Chế độ chính sách", await app.NewClient().GetStringAsync($"/phan-anh?Agency={w.AgencyId}"), StringComparison.Ordinal);
    }

    private async Task AnswerAndSendAsync(World w, Guid id)
    {
        var unit = await app.SignedInClientAsync(w.UnitAOfficer);
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsJsonAsync($"/api/feedback/{id}/answer", new { Answer = "Đơn vị đã xem xét và trả lời." }, SiparFactory.Json)).StatusCode);
        var leader = await app.SignedInClientAsync(w.Leader);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/feedback/{id}/approve", new { PersonalMatter = true }, SiparFactory.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await leader.PostAsJsonAsync($"/api/feedback/{id}/send", new { }, SiparFactory.Json)).StatusCode);
    }

    /// <summary>How many of the agency's items were reminded and escalated.</summary>
    private Task<(int Reminded, int Escalated)> MarksAsync(Guid agencyId) =>
        app.WithServicesAsync(async sp =>
        {
            var items = sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().Where(f => f.AgencyId == agencyId);
            return (await items.CountAsync(f => f.ReminderSentOn != null), await items.CountAsync(f => f.EscalatedOn != null));
        });

    private void MoveTo(DateOnly day)
    {
        var target = new DateTimeOffset(day.ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero);
        if (target > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(target);
        }
    }

    private sealed record World(
        Guid AgencyId, string Symbol, Guid OfficeUnit, Guid UnitA, Guid UnitB, CreatedUser Office, CreatedUser Leader, CreatedUser UnitAOfficer, CreatedUser UnitBOfficer,
        Guid ProcedureCategory, Guid ConductCategory, Guid OtherAgency, Guid OtherUnit, string DossierCode);

    private async Task<World> WorldAsync()
    {
        var symbol = "PA" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var (agencyId, officeUnit, unitA, unitB, dossier) = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở Phản ánh {Guid.NewGuid():N}"[..20], symbol, "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new UnitInput("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var a = await admin.AddUnitAsync(agency, new UnitInput("Phòng A", "PA", UnitKind.Division, null), CancellationToken.None);
            var b = await admin.AddUnitAsync(agency, new UnitInput("Phòng B", "PB", UnitKind.Division, null), CancellationToken.None);
            var db = sp.GetRequiredService<SiparDbContext>();
            var procedure = Sipar.Modules.Dossiers.Procedure.Create(agency, new Sipar.Modules.Dossiers.ProcedureInput("1.001776", "Giải quyết hưởng trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", null, 15,
                Sipar.Modules.Dossiers.TimeLimitUnit.WorkingDays, null, "Tờ khai", 0, Sipar.Modules.Dossiers.OnlineLevel.Full, "", "Cấp tỉnh", "", ""), app.UtcNow);
            var code = symbol + "-0001";
            var d = Sipar.Modules.Dossiers.Dossier.Receive(agency, code, procedure, new Sipar.Modules.Dossiers.DossierApplicant("Bế Văn C", null, null, null), Sipar.Modules.Dossiers.DossierChannel.Desk,
                app.UtcNow, true, Sipar.Modules.Dossiers.FormSet.Tt03Of2025, null);
            db.AddRange(procedure, d);
            await db.SaveChangesAsync();
            return (agency, office, a, b, code);
        });
        var (other, otherUnit, _) = await app.CreateAgencyAsync();
        var leaderUser = await app.CreateUserAsync(Role.Leader, agencyId, officeUnit);
        return new World(agencyId, symbol, officeUnit, unitA, unitB, await app.CreateUserAsync(Role.Office, agencyId, officeUnit), leaderUser,
            await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitA), await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitB),
            FeedbackCategory.Defaults[0].Id, FeedbackCategory.Defaults[1].Id, other, otherUnit, dossier);
    }

    private static Dictionary<string, string> Valid(World w) => new()
    {
        ["CategoryId"] = w.ProcedureCategory.ToString(), ["Description"] = "Thủ tục yêu cầu nộp bản sao không có trong danh mục.", ["ProcedureCode"] = "1.001776",
        ["Name"] = "Phạm Thị Lan", ["Phone"] = "0912345678", ["Email"] = "lan@example.vn", ["ConsentToPublish"] = "true",
    };

    private Task<int> CountAsync(Guid agencyId) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<FeedbackItem>().CountAsync(f => f.AgencyId == agencyId));

    private static string Message(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? page.QuerySelector(".validation-summary-errors")?.TextContent ?? "";

    private static Task<HttpResponseMessage> Act(HttpClient client, string page, string handler, Dictionary<string, string> fields) =>
        ActAsync(client, page, handler, fields);

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(page);
        var version = VersionField().Match(html).Groups[1].Value;
        return await SiparFactory.PostFormAsync(client, page, new(fields) { ["Version"] = version }, $"{page}?handler={handler}");
    }

    /// <summary>Fills the public form as a person would: the antiforgery token, the challenge read off the page and answered.</summary>
    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid agencyId, Dictionary<string, string> fields, params (string Name, byte[] Content)[] files) =>
        await SubmitAsync(client, agencyId, fields, false, files);

    private static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid agencyId, Dictionary<string, string> fields, bool wrongAnswer, params (string Name, byte[] Content)[] files)
    {
        var page = await client.GetStringAsync($"/phan-anh?Agency={agencyId}");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var token = Regex.Match(page, "name=\"ChallengeToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var sum = SumPattern().Match(page);
        var answer = int.Parse(sum.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(sum.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) + (wrongAnswer ? 1 : 0);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(antiforgery), "__RequestVerificationToken" }, { new StringContent(agencyId.ToString()), "Agency" }, { new StringContent(token), "ChallengeToken" },
            { new StringContent(answer.ToString(System.Globalization.CultureInfo.InvariantCulture)), "ChallengeAnswer" },
        };
        foreach (var (k, v) in fields)
        {
            form.Add(new StringContent(v), k);
        }

        foreach (var (name, content) in files)
        {
            form.Add(new ByteArrayContent(content), "attachments", name);
        }

        return await client.PostAsync("/phan-anh", form);
    }

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF");

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46];

    [GeneratedRegex(@"(\d+) cộng (\d+) bằng bao nhiêu")]
    private static partial Regex SumPattern();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();
}

public sealed class FeedbackTestsOnSqlite(SqliteFactory app) : FeedbackTests<SqliteFactory>(app);

public sealed class FeedbackTestsOnPostgres(PostgresFactory app) : FeedbackTests<PostgresFactory>(app);
