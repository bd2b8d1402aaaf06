using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// One more character than a column holds, in every text field people type, on PostgreSQL (which refuses what SQLite
/// would store): a Vietnamese "at most N characters" message, never a 500, and nothing saved.
/// </summary>
public sealed class TextLimitTests(PostgresFactory app) : IClassFixture<PostgresFactory>
{
    private static string Over(int max) => new('x', max + 1);

    [Fact]
    public async Task Task_progress_contributions_targets_reminders_and_flags_refuse_one_character_too_many()
    {
        var w = await WorldAsync();
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var coordinator = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var task = $"/tasks/{w.TaskId}";
        var followUp = $"/plans/{w.PlanId}/follow-up";

        await RefusedNextToAsync(SiparFactory.PostFormAsync(lead, task, new() { ["Status"] = "InProgress", ["Note"] = Over(4000) }, task + "?handler=Progress"), 4000, "Note");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(lead, task, new() { ["Status"] = "InProgress", [$"Actuals[{w.TargetId}]"] = Over(1000) }, task + "?handler=Progress"), 1000, $"Actuals[{w.TargetId}]");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(coordinator, task, new() { ["Note"] = Over(4000) }, task + "?handler=Contribution"), 4000, "Note");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, followUp, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = Over(2000) }, followUp + "?handler=Remind"), 2000, "Message");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, followUp, new() { ["UnitId"] = w.Planning.ToString(), ["Kind"] = "Late", ["Reason"] = Over(2000) }, followUp + "?handler=Flag"), 2000, "Reason");
        var updates = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<TaskUpdate>().CountAsync(u => u.TaskId == w.TaskId));
        Assert.Equal(0, updates);
    }

    [Fact]
    public async Task Unit_reports_returns_and_the_consolidated_report_refuse_one_character_too_many()
    {
        var w = await WorldAsync();
        var unit = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var period = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ReportingPeriod>().FirstAsync(p => p.PlanId == w.PlanId));
        var url = $"/reports/{period.Id}/{w.Inspectorate}";

        await RefusedNextToAsync(SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = Over(20000) }, url + "?handler=Save"), 20000, "Narrative");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Đã thực hiện.", [$"Progress[{w.TaskId}]"] = Over(4000) }, url + "?handler=Save"), 4000, $"Progress[{w.TaskId}]");
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Đã thực hiện." }, url + "?handler=Submit")).StatusCode);
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, url, new() { ["Reason"] = Over(2000) }, url + "?handler=Return"), 2000, "Reason");
        var consolidated = $"/reports/{period.Id}/consolidated";
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, consolidated, new() { ["Summary"] = Over(20000), ["Difficulties"] = "", ["Proposals"] = "" }, consolidated), 20000, "Summary");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, consolidated, new() { ["Summary"] = "Tổng hợp", ["Difficulties"] = Over(20000), ["Proposals"] = "" }, consolidated), 20000, "Difficulties");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, consolidated, new() { ["Summary"] = "Tổng hợp", ["Difficulties"] = "", ["Proposals"] = Over(20000) }, consolidated), 20000, "Proposals");
        var status = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<UnitReport>().Where(r => r.PeriodId == period.Id).Select(r => r.Status).SingleAsync());
        Assert.Equal(UnitReportStatus.Submitted, status);
    }

    [Fact]
    public async Task Agencies_units_accounts_and_self_scores_through_the_API_refuse_one_character_too_many()
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        await RefusedAsync(admin.PostAsJsonAsync("/api/agencies", new { name = Over(300), symbol = "S", placeName = "Lạng Sơn", kind = "Department" }), 300);
        await RefusedAsync(admin.PostAsJsonAsync("/api/agencies", new { name = "Sở Dài", symbol = Over(30), placeName = "Lạng Sơn", kind = "Department" }), 30);
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        await RefusedAsync(admin.PostAsJsonAsync($"/api/agencies/{agencyId}/units", new { name = Over(300), kind = "Division" }), 300);
        await RefusedAsync(admin.PostAsJsonAsync("/api/users", new { email = $"dai-{Guid.NewGuid():N}@test.sipar", fullName = Over(200), roles = new[] { "Office" } }), 200);

        var (_, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId);
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var score = (await office.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/par/assessments/{assessmentId}", SiparFactory.Json))
            .GetProperty("scores").EnumerateArray().First(s => s.GetProperty("method").GetString() == "SelfAssessed" && s.GetProperty("maxPoints").GetDecimal() >= 1).GetProperty("id").GetGuid();
        await RefusedAsync(office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{score}", new { points = 0.5m, explanation = Over(ParAssessment.TextMaxLength) }), ParAssessment.TextMaxLength);
    }

    [Fact]
    public async Task The_plan_review_and_the_issue_number_refuse_one_character_too_many_next_to_the_field()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        Dictionary<string, string> Review(string? field = null, int max = 0)
        {
            var form = new Dictionary<string, string>
            {
                ["Review.AgencyId"] = agencyId.ToString(), ["Review.Year"] = "2026", ["Review.Title"] = "Kế hoạch cải cách hành chính năm 2026",
                ["Review.Number"] = "12", ["Review.Symbol"] = "KH-SLĐTBXH", ["Review.Issuer"] = "Sở Lao động", ["Review.Place"] = "Lạng Sơn",
                ["Review.SignerTitle"] = "GIÁM ĐỐC", ["Review.SignerName"] = "Nguyễn Văn A", ["Review.LegalBasesJson"] = "[]", ["Review.DutiesJson"] = "[]",
                ["Review.Sections[0].Code"] = "II.1", ["Review.Sections[0].Heading"] = "Cải cách thể chế", ["Review.Sections[0].Lead"] = unitId.ToString(),
                ["Review.Sections[0].TasksText"] = "Rà soát văn bản quy phạm pháp luật.",
            };
            if (field is not null)
            {
                form[field] = Over(max);
            }

            return form;
        }

        foreach (var (field, max) in new[]
                 {
                     ("Review.Title", Plan.TitleMaxLength), ("Review.Number", Plan.NumberMaxLength), ("Review.Symbol", Plan.SymbolMaxLength),
                     ("Review.Issuer", Plan.IssuerMaxLength), ("Review.Place", Plan.PlaceMaxLength), ("Review.SignerTitle", Plan.SignerMaxLength),
                     ("Review.SignerName", Plan.SignerMaxLength), ("Review.Sections[0].Heading", PlanSection.HeadingMaxLength), ("Review.Sections[0].TasksText", PlanTask.TextMaxLength),
                 })
        {
            await RefusedNextToAsync(SiparFactory.PostFormAsync(office, "/plans/import", Review(field, max), "/plans/import?handler=Save"), max, field);
        }

        // Read from the document and carried in a hidden field: named above the form, never a 500.
        var hidden = Review();
        hidden["Review.LegalBasesJson"] = $$"""[{"type":"Nghị định","number":"{{Over(LegalBasis.NumberMaxLength)}}","text":"Căn cứ"}]""";
        var page = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, "/plans/import", hidden, "/plans/import?handler=Save"));
        Assert.Contains("quá dài để lưu", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Plan>().CountAsync(p => p.AgencyId == agencyId)));

        var saved = await SiparFactory.PostFormAsync(office, "/plans/import", Review(), "/plans/import?handler=Save");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = saved.Headers.Location!.ToString();
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, plan, new() { ["IssueNumber"] = Over(Plan.NumberMaxLength), ["IssueDate"] = "2026-02-01" }, plan + "?handler=Issue"), Plan.NumberMaxLength, "IssueNumber");
        Assert.Equal(PlanStatus.Draft, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Plan>().Where(p => p.AgencyId == agencyId).Select(p => p.Status).SingleAsync()));
    }

    [Fact]
    public async Task Campaign_settings_descriptions_appraisals_and_the_explanation_round_refuse_one_character_too_many()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var created = await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = "2026", ["Form.Name"] = Over(ParCampaign.NameMaxLength), ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(20), ["Form.ExplanationDue"] = Iso(30),
            ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create");
        await RefusedNextToAsync(Task.FromResult(created), ParCampaign.NameMaxLength, "Form.Name");

        var (campaignId, assessmentId) = await app.CreateDraftAssessmentAsync(agencyId);
        var campaign = $"/par/campaigns/{campaignId}";
        Dictionary<string, string> Settings(string field, string value)
        {
            var form = new Dictionary<string, string>
            {
                ["Form.Year"] = "2026", ["Form.Name"] = "Đánh giá 2026", ["Form.SelfAssessmentDue"] = Iso(10), ["Form.AppraisalDue"] = Iso(20), ["Form.ExplanationDue"] = Iso(30),
                ["Form.Bands"] = "90=A;80=B", ["Form.Recipients"] = "Sở Nội vụ",
            };
            form[field] = value;
            return form;
        }

        await RefusedNextToAsync(SiparFactory.PostFormAsync(appraiser, campaign, Settings("Form.Name", Over(ParCampaign.NameMaxLength)), campaign + "?handler=Settings"), ParCampaign.NameMaxLength, "Form.Name");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(appraiser, campaign, Settings("Form.Recipients", Over(ParCampaign.RecipientsMaxLength)), campaign + "?handler=Settings"), ParCampaign.RecipientsMaxLength, "Form.Recipients");
        var manyBands = string.Join(';', Enumerable.Range(0, 11).Select(i => $"{i * 9}=" + new string('B', 38)));
        await RefusedNextToAsync(SiparFactory.PostFormAsync(appraiser, campaign, Settings("Form.Bands", manyBands), campaign + "?handler=Settings"), ParCampaign.BandsMaxLength, "Form.Bands");

        var page = $"/par/assessments/{assessmentId}";
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, page, new() { ["Difficulties"] = Over(ParAssessment.TextMaxLength), ["Proposals"] = "" }, page + "?handler=Describe"), ParAssessment.TextMaxLength, "Difficulties");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, page, new() { ["Difficulties"] = "", ["Proposals"] = Over(ParAssessment.TextMaxLength) }, page + "?handler=Describe"), ParAssessment.TextMaxLength, "Proposals");

        // Submitted (arranged through the aggregate), then appraised: reason, request and answer.
        var scoreId = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var assessment = await db.Set<ParAssessment>().Include(a => a.Scores).ThenInclude(s => s.Evidence).AsSplitQuery().SingleAsync(a => a.Id == assessmentId);
            foreach (var s in assessment.Scores.Where(s => s.Method != ScoringMethod.Survey))
            {
                if (s.IsComputedFromData)
                {
                    assessment.SetComputed(s.Id, 0, "");
                }
                else
                {
                    assessment.SelfScore(s.Id, 0, null);
                }
            }

            assessment.MarkReviewed(Guid.NewGuid(), app.UtcNow);
            assessment.Submit(Guid.NewGuid(), app.UtcNow);
            await db.SaveChangesAsync();
            return assessment.Scores.First(s => s.Method == ScoringMethod.SelfAssessed && s.MaxPoints >= 1).Id;
        });
        var item = $"{page}/items/{scoreId}";
        await RefusedNextToAsync(SiparFactory.PostFormAsync(appraiser, item, new() { ["Points"] = "0", ["Reason"] = Over(ParAssessment.TextMaxLength) }, item + "?handler=Appraise"), ParAssessment.TextMaxLength, "Reason");
        await RefusedAsync(SiparFactory.PostFormAsync(appraiser, page, new() { [$"requests[{scoreId}]"] = Over(ParAssessment.TextMaxLength) }, page + "?handler=Request"), ParAssessment.TextMaxLength);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, page, new() { [$"requests[{scoreId}]"] = "Đề nghị gửi văn bản" }, page + "?handler=Request")).StatusCode);
        await RefusedNextToAsync(SiparFactory.PostFormAsync(office, page, new() { [$"answers[{scoreId}]"] = Over(ParAssessment.TextMaxLength) }, page + "?handler=Answer"), ParAssessment.TextMaxLength, $"answers[{scoreId}]");
        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Where(a => a.Id == assessmentId).Select(a => new { a.Status, a.Difficulties }).SingleAsync());
        Assert.Equal((AssessmentStatus.ExplanationRequested, (string?)null), (stored.Status, stored.Difficulties));
    }

    [Fact]
    public async Task Framework_files_and_the_mapping_to_last_year_refuse_values_too_long()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var json = System.Text.Json.Nodes.JsonNode.Parse(ParIndexModule.DemoFramework())!;
        json["items"]![2]!["name"] = Over(FrameworkItem.NameMaxLength);
        json["items"]![3]!["evidence"] = Over(FrameworkItem.EvidenceMaxLength);
        var preview = await appraiser.PostAsync("/api/par/frameworks?fileName=bo.json", SiparFactory.Body(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "application/json"));
        var body = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("\"canImport\":false", body, StringComparison.Ordinal);
        Assert.Contains("Cột “Tên” quá dài (tối đa 1000 ký tự)", System.Text.RegularExpressions.Regex.Unescape(body), StringComparison.Ordinal);
        Assert.Contains("Cột “Tài liệu kiểm chứng” quá dài (tối đa 2000 ký tự)", System.Text.RegularExpressions.Regex.Unescape(body), StringComparison.Ordinal);
        var import = await appraiser.PostAsync("/api/par/frameworks?fileName=bo.json&import=true&year=2026", SiparFactory.Body(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, import.StatusCode);

        var frameworkId = await app.WithServicesAsync(async sp =>
        {
            var framework = Framework.FromFile(FrameworkReader.Read("f.json", ParIndexModule.DemoFramework()), 2026, AgencyKind.Department, $"Bộ {Guid.NewGuid():N}", app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(framework);
            await db.SaveChangesAsync();
            return framework.Id;
        });
        var view = $"/par/frameworks/{frameworkId}";
        var codes = string.Join(';', Enumerable.Range(0, 12).Select(i => $"9.{i}.{new string('1', 15)}"));
        await RefusedAsync(SiparFactory.PostFormAsync(appraiser, view, new() { ["previous[1.1]"] = codes }, view + "?handler=Map"), FrameworkItem.PreviousCodesMaxLength);
    }

    [Fact]
    public async Task Accounts_agencies_units_and_calendar_days_on_their_pages_refuse_one_character_too_many()
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var longEmail = new string('a', User.EmailMaxLength + 1 - 8) + "@test.vn";
        await RefusedAsync(admin.PostAsJsonAsync("/api/users", new { email = longEmail, fullName = "Người dài", roles = new[] { "Administrator" } }), User.EmailMaxLength);
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var user = await app.CreateUserAsync(Role.Office, agencyId, unitId);
        var edit = $"/admin/users/{user.Id}";
        Dictionary<string, string> Person(string email, string name) => new() { ["Input.Email"] = email, ["Input.FullName"] = name, ["Input.AgencyId"] = agencyId.ToString(), ["Input.UnitId"] = unitId.ToString(), ["Input.Roles"] = "Office" };
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, edit, Person(longEmail, "Người dùng"), edit), User.EmailMaxLength, "Input.Email");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, edit, Person(user.Email, Over(User.FullNameMaxLength)), edit), User.FullNameMaxLength, "Input.FullName");

        var agency = $"/admin/agencies/{agencyId}";
        Dictionary<string, string> Agency(string field, string value)
        {
            var form = new Dictionary<string, string> { ["Input.Name"] = "Sở Thử", ["Input.Symbol"] = "ST", ["Input.PlaceName"] = "Lạng Sơn", ["Input.Kind"] = "Department", ["Input.ReportRecipients"] = "" };
            form[field] = value;
            return form;
        }

        foreach (var (field, max) in new[] { ("Input.Name", Sipar.Modules.Organisation.Agency.NameMaxLength), ("Input.Symbol", Sipar.Modules.Organisation.Agency.SymbolMaxLength), ("Input.PlaceName", Sipar.Modules.Organisation.Agency.PlaceMaxLength), ("Input.ReportRecipients", Sipar.Modules.Organisation.Agency.RecipientsMaxLength) })
        {
            await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, agency, Agency(field, Over(max)), agency), max, field);
        }

        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, agency, Agency("Input.Hotline", new string('1', Sipar.Modules.Organisation.Agency.HotlineMaxLength + 1)), agency), Sipar.Modules.Organisation.Agency.HotlineMaxLength, "Input.Hotline");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, agency, Agency("Input.Email", new string('a', Sipar.Modules.Organisation.Agency.EmailMaxLength - 7) + "@test.vn"), agency), Sipar.Modules.Organisation.Agency.EmailMaxLength, "Input.Email");
        var letters = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(admin, agency, Agency("Input.Hotline", "gọi tôi"), agency));
        Assert.Contains("chỉ gồm chữ số", letters.QuerySelector("[data-valmsg-for='Input.Hotline']")!.TextContent, StringComparison.Ordinal);
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, agency, new() { ["NewUnit.Name"] = Over(Unit.NameMaxLength), ["NewUnit.Kind"] = "Division" }, agency + "?handler=AddUnit"), Unit.NameMaxLength, "NewUnit.Name");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, agency, new() { ["NewUnit.Name"] = "Phòng Mới", ["NewUnit.ShortName"] = Over(Unit.ShortNameMaxLength), ["NewUnit.Kind"] = "Division" }, agency + "?handler=AddUnit"), Unit.ShortNameMaxLength, "NewUnit.ShortName");
        var unit = $"/admin/agencies/{agencyId}/units/{unitId}";
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, unit, new() { ["Input.Name"] = Over(Unit.NameMaxLength), ["Input.Kind"] = "Office" }, unit), Unit.NameMaxLength, "Input.Name");
        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, unit, new() { ["Input.Name"] = "Văn phòng", ["Input.ShortName"] = Over(Unit.ShortNameMaxLength), ["Input.Kind"] = "Office" }, unit), Unit.ShortNameMaxLength, "Input.ShortName");

        await RefusedNextToAsync(SiparFactory.PostFormAsync(admin, "/admin/calendar/2026", new() { ["NewDate"] = "2026-12-28", ["NewKind"] = "DayOff", ["NewName"] = Over(Sipar.Modules.Calendar.CalendarDay.NameMaxLength) }, "/admin/calendar/2026?handler=Add"), Sipar.Modules.Calendar.CalendarDay.NameMaxLength, "NewName");

        var names = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            return (await db.Set<Sipar.Modules.Organisation.Agency>().Where(a => a.Id == agencyId).Select(a => a.PlaceName).SingleAsync(),
                await db.Set<Unit>().CountAsync(u => u.AgencyId == agencyId), await db.Users.Where(u => u.Id == user.Id).Select(u => u.Email).SingleAsync());
        });
        Assert.Equal(("Lạng Sơn", 1, user.Email), names);
    }

    [Fact]
    public async Task Search_boxes_filters_and_the_login_take_any_length_without_an_error()
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var typed = Uri.EscapeDataString(new string('x', 5000));
        foreach (var url in new[] { $"/admin/users?q={typed}", $"/admin/agencies?q={typed}", $"/admin/audit?Actor={typed}&EntityId={typed}", $"/api/users?q={typed}", $"/api/agencies?q={typed}", $"/api/audit?actor={typed}&entityId={typed}" })
        {
            var response = await admin.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url[..30]}: {response.StatusCode}");
        }

        var login = await SiparFactory.PostFormAsync(app.NewClient(), "/account/login", new() { ["Email"] = new string('x', 5000) + "@test.vn", ["Password"] = new string('p', 5000) });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Tối đa 256 ký tự", (await SiparFactory.HtmlAsync(login)).QuerySelector("#Email-error")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Refused with the limit in the first error message after the field (its own message, not only a banner), and the
    /// page still holds what was typed.
    /// </summary>
    private static async Task RefusedNextToAsync(Task<HttpResponseMessage> sending, int max, string field)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{field}: {response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body);
        var input = document.QuerySelectorAll("input, textarea").FirstOrDefault(e => e.GetAttribute("name") == field);
        Assert.True(input is not null, $"{field} is not on the page shown after the refusal");
        var message = input.ParentElement!.QuerySelectorAll(".text-danger")
            .FirstOrDefault(e => input.CompareDocumentPosition(e).HasFlag(AngleSharp.Dom.DocumentPositions.Following));
        var expected = "tối đa " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ký tự";
        Assert.True(message?.TextContent.Contains(expected, StringComparison.OrdinalIgnoreCase) == true, $"{field}: “{message?.TextContent.Trim()}”");
        var kept = input is AngleSharp.Html.Dom.IHtmlTextAreaElement area ? area.Value : input.GetAttribute("value");
        Assert.True((kept?.Trim().Length ?? 0) > max, $"{field}: what was typed is not kept ({kept?.Length ?? 0} characters)");
    }

    private string Iso(int days) => app.Today.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task RefusedAsync(Task<HttpResponseMessage> sending, int max)
    {
        var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        var messages = body.StartsWith('{')
            ? body
            : string.Join(" | ", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(body).QuerySelectorAll(".text-danger, .validation-summary-errors, [role=alert]").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0));
        Assert.True(messages.Contains("tối đa " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ký tự", StringComparison.OrdinalIgnoreCase), messages);
    }

    private sealed record World(Guid AgencyId, Guid Office, Guid Inspectorate, Guid Planning, Guid PlanId, Guid TaskId, Guid TargetId);

    private async Task<World> WorldAsync()
    {
        var w = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var inspectorate = await admin.AddUnitAsync(agency, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            var planning = await admin.AddUnitAsync(agency, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var content = new PlanContent(2026, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, "Kế hoạch thử", [], [], [],
                [
                    new SectionContent("II.1", "Chỉ đạo điều hành", office, false, [], ["Tham mưu báo cáo định kỳ."]),
                    new SectionContent("II.2", "Văn bản QPPL", inspectorate, false, [planning], ["Bảo đảm 100% văn bản QPPL được rà soát theo quy định."]),
                ], [], [], null, null, null);
            var plan = Plan.CreateDraft(agency, content, new HashSet<Guid> { office, inspectorate, planning }, app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            var task = plan.Sections[1].Tasks[0];
            return new World(agency, office, inspectorate, planning, plan.Id, task.Id, task.Targets.Single().Id);
        });
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var issued = await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}", new() { ["IssueNumber"] = "9", ["IssueDate"] = "2026-02-01", ["confirmed"] = "true" }, $"/plans/{w.PlanId}?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return w;
    }
}
