using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Sipas;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// A SIPAS wave end to end: the standard questionnaires, a frame from the month's returned dossiers, the seeded draw,
/// contacts only for the wave's staff, the public survey page on a single-use code (saved, refused off the scale, sent
/// once), a phone interview, a replacement, the indices, publication and an expired code.
/// </summary>
public abstract class SipasTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task A_wave_is_drawn_from_returned_dossiers_answered_on_single_use_codes_and_published()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var (otherAgency, otherUnit, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var colleague = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Surveyor, agencyId, unitId));
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Surveyor, otherAgency, otherUnit));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, unitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await desk.GetAsync("/sipas")).StatusCode);

        // November 2026: 30 dossiers returned for two procedures; one applicant came twice (one chance per wave).
        await ImportSteps.StepResponseAsync(office, "procedures", await ImportSteps.UploadAsync(office, "procedures", "thu-tuc.csv", ImportSteps.Procedures), "Apply", []);
        var p = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var month = new StringBuilder("Số hồ sơ,Mã thủ tục,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái,Người nộp,Số điện thoại\n");
        for (var i = 1; i <= 30; i++)
        {
            var phone = i == 30 ? "0912000001" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"0912{i:000000}");
            month.Append(System.Globalization.CultureInfo.InvariantCulture, $"{p}-{i},{(i % 2 == 0 ? "1.001234" : "2.000456")},02/11/2026,20/11/2026,10/11/2026,{10 + (i % 15):00}/11/2026,Đã trả kết quả,Người dân {i},{phone}\n");
        }

        Assert.Equal(HttpStatusCode.Redirect, (await ImportSteps.StepResponseAsync(office, "dossiers", await ImportSteps.UploadAsync(office, "dossiers", "thang-11.csv", month.ToString()), "Apply", [])).StatusCode);

        // The standard questionnaires, then a wave: strata by procedure, a 20% margin so the draw leaves replacements.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/sipas", [], "/sipas?handler=Standard")).StatusCode);
        var service = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Questionnaire>().SingleAsync(q => q.Code == "SIPAS-DV" && q.Version == 1));
        Assert.Equal(16, service.ItemCodes.Split(',').Length);
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Khảo sát tháng 11/2026", ["Input.QuestionnaireId"] = service.Id.ToString(), ["Input.PeriodFrom"] = "2026-11-01", ["Input.PeriodTo"] = "2026-11-30",
            ["Input.ClosesOn"] = "2026-12-31", ["Input.MarginPercent"] = "20", ["Input.Stratification"] = "Procedure", ["Input.Allocation"] = "PerStratum",
            ["Input.MinPerStratum"] = "0", ["Input.MinCell"] = "2", ["Input.RecheckPercent"] = "10", ["Input.Channels"] = "Online",
        };
        var backwards = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, "/sipas", new(form) { ["Input.PeriodTo"] = "2026-10-01" }, "/sipas?handler=Create"));
        Assert.Contains("Ngày kết thúc kỳ phải sau ngày bắt đầu", backwards.QuerySelector("[data-valmsg-for='Input.PeriodTo']")!.TextContent, StringComparison.Ordinal);
        form["Input.Channels"] = "Phone";
        var content = new FormUrlEncodedContent([.. form.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)), new("Input.Channels", "Online"), new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(office, "/sipas"))]);
        var created = await office.PostAsync("/sipas?handler=Create", content);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var waveId = Guid.Parse(page.Split('/')[^1]);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(page)).StatusCode);

        // The frame: 29 people (the returning applicant once); the plan per stratum before anything is drawn.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, [], page + "?handler=FrameFromDossiers")).StatusCode);
        var draft = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Contains("29", draft.QuerySelector("[data-testid=frame-size]")!.TextContent, StringComparison.Ordinal);
        // n = ⌈N/(1+N·0,04)⌉: 15 → 10, 14 → 9.
        Assert.Equal("19", draft.QuerySelector("[data-testid=plan-total]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { ["Seed"] = "20261201" }, page + "?handler=Draw")).StatusCode);
        var sampled = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Equal("20261201", sampled.QuerySelector("[data-testid=seed]")!.TextContent.Trim());
        Assert.Equal(19, sampled.QuerySelectorAll("[data-testid=contact-row]").Length);

        // Once sampled, the collection may be extended, but the period can no longer move.
        var settings = new Dictionary<string, string>(form) { ["Input.ClosesOn"] = "2027-01-15", ["Input.Channels"] = "Online" };
        var moved = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, page, new(settings) { ["Input.PeriodTo"] = "2026-11-29" }, page + "?handler=Settings"));
        Assert.Contains("Đợt khảo sát đã chọn mẫu", moved.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var phoneAndOnline = new FormUrlEncodedContent([.. settings.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)), new("Input.Channels", "Phone"), new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(office, page))]);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostAsync(page + "?handler=Settings", phoneAndOnline)).StatusCode);
        Assert.Equal(new DateOnly(2027, 1, 15), await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Wave>().Where(w => w.Id == waveId).Select(w => w.ClosesOn).SingleAsync()));

        // Contacts are for the wave's staff only: a surveyor of the same agency not named on the wave sees the progress, not the people.
        var notStaff = await SiparFactory.HtmlAsync(await colleague.GetAsync(page));
        Assert.NotNull(notStaff.QuerySelector("[data-testid=progress]"));
        Assert.Null(notStaff.QuerySelector("[data-testid=contacts]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync(page + "/invitations")).StatusCode);
        var invitations = await SiparFactory.HtmlAsync(await office.GetAsync(page + "/invitations"));
        Assert.Equal(19, invitations.QuerySelectorAll("[data-testid=invitation]").Length);
        Assert.StartsWith("data:image/png;base64,", invitations.QuerySelector("[data-testid=invitation] img")!.GetAttribute("src"), StringComparison.Ordinal);
        var invitationsDocx = DocumentChecks.ValidWordText(await (await office.GetAsync(page + "/invitations?handler=Docx")).Content.ReadAsByteArrayAsync());
        Assert.Equal(19, invitationsDocx.Split("GIẤY MỜI THAM GIA KHẢO SÁT").Length - 1);
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync(page + "/invitations?handler=Docx")).StatusCode);

        var contacts = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Contact>().Where(c => c.WaveId == waveId && c.Token != null).OrderBy(c => c.Rank).ThenBy(c => c.Stratum).ToListAsync());
        var citizen = app.NewClient();
        var token = contacts[0].Token!;

        // The public page: a wrong code is a friendly page; the right one (typed with spaces, lower case) opens the questionnaire.
        var unknown = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=NOTACODE1234"));
        Assert.NotNull(unknown.QuerySelector("[data-testid=survey-unknown]"));
        var open = await citizen.GetAsync("/khao-sat?ma=" + Uri.EscapeDataString(token[..4].ToLowerInvariant() + " " + token[4..]));
        var html = await open.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.True(Encoding.UTF8.GetByteCount(html) < 60_000, $"{Encoding.UTF8.GetByteCount(html)} bytes"); // uncompressed: the issue's 60 KB is for the compressed page
        var survey = await SiparFactory.HtmlAsync(open);
        Assert.Equal(16, survey.QuerySelectorAll("[data-testid^=item-]").Length);

        // Saved half-way, then reopened with the answers kept; a level off the scale is refused beside its item, nothing lost.
        var answers = new Dictionary<string, string> { ["Code"] = token, ["Items[TC1]"] = "5", ["Items[TC2]"] = "4" };
        Assert.Equal(HttpStatusCode.OK, (await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + token, answers, "/khao-sat?handler=Save")).StatusCode);
        var reopened = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=" + token));
        Assert.True(reopened.QuerySelector("#i-TC1-5")!.HasAttribute("checked"));
        var off = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + token, new(answers) { ["Items[TT1]"] = "7" }, "/khao-sat?handler=Submit"));
        Assert.Contains("ngoài thang đo", off.QuerySelector("[data-valmsg-for='Items[TT1]']")!.TextContent, StringComparison.Ordinal);
        Assert.True(off.QuerySelector("#i-TC2-4")!.HasAttribute("checked"));

        // Two minutes later the whole questionnaire is sent; the code then only thanks.
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var full = new Dictionary<string, string> { ["Code"] = token, ["Profile[gioi_tinh]"] = "Nữ", ["Expectations"] = "1" };
        var codes = service.ItemCodes.Split(',');
        for (var i = 0; i < codes.Length; i++)
        {
            full[$"Items[{codes[i]}]"] = i % 4 == 0 ? "3" : "5";
        }

        var sent = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + token, full, "/khao-sat?handler=Submit"));
        Assert.NotNull(sent.QuerySelector("[data-testid=survey-thanks]"));
        Assert.Matches("sipar_sipas_submissions_total\\{[^}]*channel=\"online\"[^}]*\\} [1-9]", await app.ScrapeMetricsAsync("sipar_sipas_submissions_total"));
        var used = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=" + token));
        Assert.NotNull(used.QuerySelector("[data-testid=survey-used]"));
        var again = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + token, full, "/khao-sat?handler=Submit"));
        Assert.Null(again.QuerySelector("[data-testid=survey-thanks]"));
        Assert.Equal(1, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Response>().CountAsync(r => r.WaveId == waveId)));

        // A phone interview by the staff; a refusal drawn a replacement from the same stratum.
        var phonePage = $"{page}/phone/{contacts[1].Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync(phonePage)).StatusCode);
        var phoneAnswers = codes.ToDictionary(c => $"Items[{c}]", c => c.StartsWith("TC", StringComparison.Ordinal) ? "2" : "4");
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, phonePage, phoneAnswers)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { ["ContactId"] = contacts[2].Id.ToString(), ["Why"] = "Refused" }, page + "?handler=Replace")).StatusCode);
        var replacement = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Contact>().SingleAsync(c => c.ReplacesId == contacts[2].Id));
        Assert.Equal((contacts[2].Stratum, ContactState.Sampled), (replacement.Stratum, replacement.State));
        Assert.NotNull(replacement.Token);

        // The indices: TC1 = one 3 and one 2 → 0%; TC2 = 5 and 2 → 50%; both responses valid.
        var running = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Contains("2 phiếu hợp lệ", running.Body!.TextContent, StringComparison.Ordinal);
        var (code, json, _) = await Cli("sipas", "compute", "--wave", waveId.ToString(), "--json");
        Assert.Equal(0, code);
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            var tc = doc.RootElement.GetProperty("aspects")[0].GetProperty("factors")[0];
            Assert.Equal("TC", tc.GetProperty("code").GetString());
            Assert.Equal(0m, tc.GetProperty("items")[0].GetProperty("value").GetDecimal());
            Assert.Equal(50m, tc.GetProperty("items")[1].GetProperty("value").GetDecimal());
            Assert.Equal(2, doc.RootElement.GetProperty("overall").GetProperty("n").GetInt32());
        }

        var (sampleCode, sampleJson, _) = await Cli("sipas", "sample", "--wave", waveId.ToString(), "--json", "--dry-run");
        Assert.Equal(0, sampleCode);
        Assert.Contains("\"seed\": 20261201", sampleJson, StringComparison.Ordinal);

        // A person may decline on their own code: the code stops working and the agency's next waves will not draw them.
        var decline = contacts.First(c => c.Id != contacts[0].Id && c.Id != contacts[1].Id && c.Id != contacts[2].Id);
        var declined = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + decline.Token, new() { ["Code"] = decline.Token! }, "/khao-sat?handler=OptOut"));
        Assert.NotNull(declined.QuerySelector("[data-testid=survey-opted-out]"));
        Assert.NotNull((await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=" + decline.Token))).QuerySelector("[data-testid=survey-unknown]"));
        Assert.True(await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<OptOut>().AnyAsync(o => o.AgencyId == agencyId && o.Key == decline.Phone)));

        // Published: citizens see the results without signing in.
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/khao-sat/ket-qua/" + waveId)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, [], page + "?handler=Publish")).StatusCode);
        var results = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat/ket-qua/" + waveId));
        Assert.NotEmpty(results.QuerySelector("[data-testid=public-overall]")!.TextContent.Trim());
        Assert.Equal(5, results.QuerySelectorAll("[data-testid=public-factors] meter").Length);
        Assert.StartsWith("data:image/png;base64,", results.QuerySelector("[data-testid=share] img")!.GetAttribute("src"), StringComparison.Ordinal);

        // The anonymised export: no names, phones or codes; its CSV recomputes the same indices through compute-file.
        var xlsx = DocumentChecks.ValidSheetText(await (await office.GetAsync(page + "?handler=Export&format=xlsx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("TC1", xlsx, StringComparison.Ordinal);
        Assert.Contains("Nữ", xlsx, StringComparison.Ordinal);
        var csvText = Encoding.UTF8.GetString(await (await office.GetAsync(page + "?handler=Export&format=csv")).Content.ReadAsByteArrayAsync());
        foreach (var secret in new[] { "Người dân", "0912", token, replacement.Token! })
        {
            Assert.DoesNotContain(secret, csvText, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, xlsx, StringComparison.Ordinal);
        }

        var recomputed = ResponsesFile.Compute(new StringReader(csvText), service.Document.Structure(), IndexRules.Default with { Seed = 20261201 });
        Assert.Empty(recomputed.Errors);
        var published = await app.WithServicesAsync(sp => sp.GetRequiredService<WaveIndices>().ComputeAsync(waveId, CancellationToken.None));
        Assert.Equal(published.Overall.Overall.Value, recomputed.Overall!.Overall.Value);
        Assert.Equal(2, recomputed.Rows);
        var report = DocumentChecks.ValidWordText(await (await office.GetAsync(page + "?handler=Report")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Kết quả khảo sát sự hài lòng của người dân, tổ chức: Khảo sát tháng 11/2026", report, StringComparison.Ordinal);
        Assert.Contains("hạt giống 20261201", report, StringComparison.Ordinal);
        Assert.Contains("Tiếp cận dịch vụ", report, StringComparison.Ordinal);
        Assert.DoesNotContain("0912", report, StringComparison.Ordinal);

        // After the wave closes, an unused code is a friendly "the survey has ended".
        app.Clock.Advance(TimeSpan.FromDays(40));
        var late = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=" + replacement.Token));
        Assert.NotNull(late.QuerySelector("[data-testid=survey-expired]"));
    }

    [Fact]
    public async Task Paper_forms_count_when_two_staff_agree_and_review_and_recheck_decide_what_counts()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var officeUser = await app.CreateUserAsync(Role.Office, agencyId, unitId);
        var surveyorUser = await app.CreateUserAsync(Role.Surveyor, agencyId, unitId);
        var office = await app.SignedInClientAsync(officeUser);
        var surveyor = await app.SignedInClientAsync(surveyorUser);
        await SiparFactory.PostFormAsync(office, "/sipas", [], "/sipas?handler=Standard");
        var service = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Questionnaire>().SingleAsync(q => q.Code == "SIPAS-DV" && q.Version == 1));
        string D(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var token0 = await SiparFactory.AntiforgeryTokenAsync(office, "/sipas");
        var created = await office.PostAsync("/sipas?handler=Create", new FormUrlEncodedContent([
            new("Input.Name", "Khảo sát phiếu giấy"), new("Input.QuestionnaireId", service.Id.ToString()), new("Input.PeriodFrom", D(app.Today.AddDays(-60))),
            new("Input.PeriodTo", D(app.Today.AddDays(-1))), new("Input.ClosesOn", D(app.Today.AddDays(30))), new("Input.MarginPercent", "20"),
            new("Input.Stratification", "None"), new("Input.Allocation", "PerStratum"), new("Input.MinPerStratum", "0"), new("Input.MinCell", "1"),
            new("Input.RecheckPercent", "50"), new("Input.Channels", "Paper"), new("Input.Channels", "Online"), new("__RequestVerificationToken", token0)]));
        var page = created.Headers.Location!.ToString();
        var waveId = Guid.Parse(page.Split('/')[^1]);

        // An imported list: a date that cannot be read and a person twice are named by row; nothing is saved.
        var day = app.Today.AddDays(-10).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var good = "Họ tên,Điện thoại,Thủ tục,Ngày trả kết quả\n" + string.Concat(Enumerable.Range(1, 6).Select(i => $"Người {i},09130000{i:00},Cấp giấy phép,{day}\n"));
        var bad = good + "Người 7,0913000099,Cấp giấy phép,31/02/2026\nNgười 8,0913000001,Cấp giấy phép," + day + "\n";
        var checkedList = await UploadFrameAsync(office, page, bad);
        var problems = checkedList.QuerySelector("[data-testid=frame-preview]")!.TextContent;
        Assert.Contains("Ngày \"31/02/2026\" không đọc được", problems, StringComparison.Ordinal);
        Assert.Contains("Người này đã có ở dòng 2", problems, StringComparison.Ordinal);
        Assert.Null(checkedList.QuerySelector("[data-testid=frame-apply]"));
        checkedList = await UploadFrameAsync(office, page, good);
        var apply = checkedList.QuerySelector("[data-testid=frame-apply]")!.Closest("form")!;
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new()
        {
            ["FileContent"] = apply.QuerySelector("input[name=FileContent]")!.GetAttribute("value")!, ["FileName"] = "danh-sach.csv",
        }, page + "?handler=FrameApply")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { ["Seed"] = "7" }, page + "?handler=Draw")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await surveyor.GetAsync(page + "/paper")).StatusCode);
        var staff = new FormUrlEncodedContent([new("Staff", officeUser.Id.ToString()), new("Staff", surveyorUser.Id.ToString()), new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(office, page))]);
        Assert.Equal(HttpStatusCode.Redirect, (await office.PostAsync(page + "?handler=Staff", staff)).StatusCode);
        var drawn = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Contact>().Where(c => c.WaveId == waveId && c.Token != null).OrderBy(c => c.Rank).ToListAsync());
        Assert.Equal(5, drawn.Count);

        var codes = service.ItemCodes.Split(',');
        Dictionary<string, string> Form(string number, int level, string? changed = null) =>
            codes.Select((c, i) => (c, i)).ToDictionary(x => $"Items[{x.c}]", x => x.c == changed ? "1" : (level - (x.i % 2)).ToString(System.Globalization.CultureInfo.InvariantCulture)) is var f && f.TryAdd("FormNumber", number) ? f : f;
        async Task<AngleSharp.Html.Dom.IHtmlDocument> Key(HttpClient who, Dictionary<string, string> form) =>
            await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(who, page + "/paper", form));

        // Form 1: keyed by the office, not again by the office, then by the surveyor with one item different; a third keying settles it.
        Assert.Contains("chờ điều tra viên khác", (await Key(office, Form(drawn[0].Token!, 5))).QuerySelector("[data-testid=paper-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("điều tra viên khác thực hiện", (await Key(office, Form(drawn[0].Token!, 5))).QuerySelector("[data-testid=errors], .alert-danger")!.TextContent, StringComparison.Ordinal);
        var differs = await Key(surveyor, Form(drawn[0].Token!, 5, changed: "CC2"));
        Assert.Contains("không khớp", differs.QuerySelector("[data-testid=paper-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CC2", differs.QuerySelector("[data-testid=paper-forms]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("đã được tính", (await Key(office, Form(drawn[0].Token!, 5))).QuerySelector("[data-testid=paper-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("đã được tính", (await Key(office, Form(drawn[0].Token!, 5))).QuerySelector("[data-testid=form-number-error]")!.TextContent, StringComparison.Ordinal);
        // Form 2: two agreeing keyings count at once. An unknown form number is refused beside the field.
        await Key(office, Form(drawn[1].Token!, 4));
        Assert.Contains("đã được tính", (await Key(surveyor, Form(drawn[1].Token!, 4))).QuerySelector("[data-testid=paper-outcome]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không phải mã", (await Key(office, Form("ZZZZZZZZZZZZ", 4))).QuerySelector("[data-testid=form-number-error]")!.TextContent, StringComparison.Ordinal);

        // Online, sent at once: flagged "too fast", so it waits for review and does not count yet.
        var citizen = app.NewClient();
        var online = codes.ToDictionary(c => $"Items[{c}]", c => c.StartsWith('K') ? "2" : "4");
        online["Code"] = drawn[2].Token!;
        await SiparFactory.PostFormAsync(citizen, "/khao-sat?ma=" + drawn[2].Token, online, "/khao-sat?handler=Submit");
        var responses = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Response>().Where(r => r.WaveId == waveId).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Channel).ToListAsync());
        Assert.Equal([ResponseChannel.Online, ResponseChannel.Paper, ResponseChannel.Paper], responses.Select(r => r.Channel).Order());
        var flagged = responses.Single(r => r.Channel == ResponseChannel.Online);
        Assert.Equal((ReviewState.HasIssues, "too-fast"), (flagged.Review, flagged.Flags));
        Assert.Equal(2, await CountedAsync(waveId));

        // Review: rejecting needs a reason; the flagged one is accepted; a rejected response stays, with its reason.
        var review = page + "/review";
        var notStaff = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Surveyor, agencyId, unitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await notStaff.GetAsync(review)).StatusCode);
        var noReason = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(surveyor, review, new() { ["ResponseId"] = responses[0].Id.ToString(), ["State"] = "Rejected" }, review + "?handler=Review"));
        Assert.Contains("Cần ghi lý do", noReason.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(surveyor, review, new() { ["ResponseId"] = flagged.Id.ToString(), ["State"] = "Valid", ["Reason"] = "Người dân trả lời qua điện thoại cùng cán bộ" }, review + "?handler=Review")).StatusCode);
        Assert.Equal(3, await CountedAsync(waveId));

        // Re-check: 50% of the 3 valid responses → 2 selected (seeded); one of them turns out different and stops counting.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, review, [], review + "?handler=DrawRecheck")).StatusCode);
        var selected = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Response>().Where(r => r.WaveId == waveId && r.Recheck == RecheckState.Selected).ToListAsync());
        Assert.Equal(2, selected.Count);
        var shown = await SiparFactory.HtmlAsync(await office.GetAsync(review));
        Assert.Contains("09130000", shown.QuerySelector("[data-testid=responses]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, review, new() { ["ResponseId"] = selected[0].Id.ToString(), ["Outcome"] = "Differs", ["Note"] = "Người dân nói chưa từng nhận phiếu" }, review + "?handler=Recheck")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, review, new() { ["ResponseId"] = selected[1].Id.ToString(), ["Outcome"] = "Confirmed" }, review + "?handler=Recheck")).StatusCode);
        Assert.Equal(2, await CountedAsync(waveId));
        var after = await SiparFactory.HtmlAsync(await office.GetAsync(review));
        Assert.Contains("chưa từng nhận phiếu", after.QuerySelector("[data-testid=responses]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, after.QuerySelectorAll("[data-testid=response-row]").Length);

        // An answer changed after review needs a reason, which stays with the response.
        var correct = new Dictionary<string, string> { ["ResponseId"] = selected[1].Id.ToString(), ["ItemCode"] = "TC1", ["Value"] = "2" };
        var noWhy = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, review, correct, review + "?handler=Correct"));
        Assert.Contains("Cần ghi lý do", noWhy.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        correct["Reason"] = "Nhập nhầm khi gõ phiếu giấy";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, review, correct, review + "?handler=Correct")).StatusCode);
        var corrected = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Response>().SingleAsync(r => r.Id == selected[1].Id));
        Assert.Equal('2', corrected.Answers[0]);
        Assert.Contains("→2 (Nhập nhầm khi gõ phiếu giấy)", corrected.Corrections, StringComparison.Ordinal);

        // The policy aspect's frame: a list of residents needs only a name and a contact.
        var residents = await app.WithServicesAsync(async sp =>
        {
            var waves = sp.GetRequiredService<SurveyWaves>();
            var policy = (await sp.GetRequiredService<QuestionnaireLibrary>().ListAsync(CancellationToken.None)).First(q => q.Code == "SIPAS-CS").Id;
            var id = await waves.CreateAsync(agencyId, new WaveSettings("Chính sách", app.Today.AddDays(-30), app.Today.AddDays(-1), app.Today.AddDays(30), policy, [agencyId], [],
                SurveyChannels.Phone, 0.05m, Stratification.None), CancellationToken.None);
            return await waves.ImportFrameAsync(id, "cu-dan.csv", Encoding.UTF8.GetBytes("Họ tên,Điện thoại\nCư dân 1,0916000001\nCư dân 2,0916000002\n"), ContactSource.Resident, apply: true, CancellationToken.None);
        });
        Assert.True(residents.Applied);
    }

    [Fact]
    public async Task A_PAR_campaign_takes_its_survey_points_from_the_agencys_finished_wave_with_the_index_frozen_beside_them()
    {
        var (agencyId, unitId, agencyName) = await app.CreateAgencyAsync();
        var (campaignId, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId, 2026);
        await app.SubmitWithZeroScoresAsync(assessmentId);

        // The agency's 2025 wave (everyone satisfied), then its 2026 wave: four phone interviews, two satisfied throughout and two not: DV = 50%.
        var office = await app.CreateUserAsync(Role.Office, agencyId, unitId);
        async Task<Guid> WaveAsync(string name, int year, int interviews, int satisfied) => await app.WithServicesAsync(async sp =>
        {
            var library = sp.GetRequiredService<QuestionnaireLibrary>();
            var questionnaire = (await library.ListAsync(CancellationToken.None)).FirstOrDefault(q => q.Code == "SIPAS-DV")?.Id
                ?? await library.ImportAsync(QuestionnaireLibrary.StandardJson("standard-service"), CancellationToken.None);
            var waves = sp.GetRequiredService<SurveyWaves>();
            var id = await waves.CreateAsync(agencyId, new WaveSettings(name, new DateOnly(year, 1, 1), new DateOnly(year, 11, 30), app.Today.AddDays(30), questionnaire,
                [agencyId], [], SurveyChannels.Phone, 0.05m, Stratification.None, MinCell: 1, StaffIds: [office.Id]), CancellationToken.None);
            var list = "Họ tên,Điện thoại,Thủ tục,Ngày trả kết quả\n" + string.Concat(Enumerable.Range(1, interviews).Select(i => $"Người {i},0914{year % 100:00}00{i:00},Cấp giấy phép,10/11/{year}\n"));
            Assert.True((await waves.ImportFrameAsync(id, "ds.csv", Encoding.UTF8.GetBytes(list), ContactSource.Imported, apply: true, CancellationToken.None)).Applied);
            await waves.DrawAsync(id, 1, apply: true, CancellationToken.None);
            var codes = (await library.GetAsync(questionnaire, CancellationToken.None)).ItemCodes.Split(',');
            var collection = sp.GetRequiredService<SurveyCollection>();
            var contacts = await waves.ContactsAsync(id, drawnOnly: true, CancellationToken.None);
            for (var i = 0; i < interviews; i++)
            {
                var items = codes.Select((c, k) => (c, k)).ToDictionary(x => x.c, x => i < satisfied ? (4 + (x.k % 2)).ToString(System.Globalization.CultureInfo.InvariantCulture) : (2 + (x.k % 2)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                await collection.EnterByPhoneAsync(id, contacts[i].Id, new SurveyAnswers(items, new Dictionary<string, string> { ["gioi_tinh"] = i % 2 == 0 ? "Nam" : "Nữ" }, [], new Dictionary<string, string>()), office.Id, CancellationToken.None);
            }

            return id;
        });
        var lastYear = await WaveAsync("SIPAS 2025", 2025, 2, 2);
        await app.WithServicesAsync(sp => sp.GetRequiredService<SurveyWaves>().CloseAsync(lastYear, CancellationToken.None));
        var waveId = await WaveAsync("SIPAS 2026", 2026, 4, 2);

        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var page = $"/par/campaigns/{campaignId}";
        var wrong = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, new() { ["SurveyLinks"] = "1.1 = DV" }, page + "?handler=LinkSurvey"));
        Assert.Contains("không phải tiêu chí chấm qua điều tra", wrong.QuerySelector("[data-testid=survey-links-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, new() { ["SurveyLinks"] = "8.1 = DV | 90=10;80=8;50=5;0=0\n8.2 = overall" }, page + "?handler=LinkSurvey")).StatusCode);

        // While the wave is still collecting, there is nothing finished to take.
        var early = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, [], page + "?handler=ApplySurvey"));
        Assert.Contains("chưa có đợt SIPAS đã kết thúc", early.QuerySelector("[data-testid=survey-taken]")!.TextContent, StringComparison.Ordinal);
        await app.WithServicesAsync(sp => sp.GetRequiredService<SurveyWaves>().CloseAsync(waveId, CancellationToken.None));
        var taken = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(appraiser, page, [], page + "?handler=ApplySurvey"));
        var rows = taken.QuerySelectorAll("[data-testid=survey-taken] tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(agencyName, StringComparison.Ordinal) && r.Contains("8.1", StringComparison.Ordinal) && r.Contains('5'));
        var scores = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.ParIndex.ParAssessment>().Include(a => a.Scores)
            .Where(a => a.Id == assessmentId).SelectMany(a => a.Scores).Where(x => x.Code == "8.1" || x.Code == "8.2").OrderBy(x => x.Code).ToListAsync());
        Assert.Equal([5m, 2.75m], scores.Select(x => x.AppraisedPoints!.Value));
        Assert.Contains("sipas: SIPAS 2026", scores[0].Snapshot, StringComparison.Ordinal);
        Assert.Contains("50.00%", scores[0].Snapshot, StringComparison.Ordinal);

        // The wave page compares with last year by item code, and breaks the index down by profile.
        var officeClient = await app.SignedInClientAsync(office);
        var wavePage = await SiparFactory.HtmlAsync(await officeClient.GetAsync($"/sipas/waves/{waveId}"));
        var dv = wavePage.QuerySelectorAll("[data-testid=comparison] tbody tr").Single(r => r.Children[0].TextContent.Trim() == "DV");
        Assert.Equal(["50,00%", "100,00%", "-50,00"], dv.Children.Skip(1).Select(c => c.TextContent.Trim()));
        Assert.Contains(wavePage.QuerySelectorAll("[data-testid=breakdown] tr"), r => r.TextContent.Contains("Nữ", StringComparison.Ordinal));
    }

    private async Task<int> CountedAsync(Guid waveId) =>
        (await app.WithServicesAsync(sp => sp.GetRequiredService<WaveIndices>().ComputeAsync(waveId, CancellationToken.None))).Overall.Responses;

    private static async Task<AngleSharp.Html.Dom.IHtmlDocument> UploadFrameAsync(HttpClient client, string page, string csv)
    {
        var token = await SiparFactory.AntiforgeryTokenAsync(client, page);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "upload", "danh-sach.csv" }, { new StringContent(token), "__RequestVerificationToken" } };
        var response = await client.PostAsync(page + "?handler=FrameRead", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SiparFactory.HtmlAsync(response);
    }

    private Task<(int Code, string Out, string Error)> Cli(params string[] args) => app.RunCliAsync(args);
}

public sealed class SipasTestsOnSqlite(SqliteFactory app) : SipasTests<SqliteFactory>(app);

public sealed class SipasTestsOnPostgres(PostgresFactory app) : SipasTests<PostgresFactory>(app);
