using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class PlanWorkTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_lead_unit_reports_progress_and_the_coordinator_contributes_but_cannot_change_the_status()
    {
        var w = await WorldAsync();
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var coordinator = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning, "Cán bộ KH-TC"));
        var bystander = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Office, "Cán bộ Văn phòng"));

        var mine = await SiparFactory.HtmlAsync(await lead.GetAsync("/my-tasks"));
        Assert.Contains("Chủ trì", mine.QuerySelector("[data-testid=my-tasks]")!.TextContent, StringComparison.Ordinal);
        var theirs = await coordinator.GetFromJsonAsync<List<MyTask>>("/api/plans/my-tasks", SiparFactory.Json);
        Assert.Equal([TaskRole.Coordinator], theirs!.Select(t => t.Role).Distinct());
        Assert.DoesNotContain((await bystander.GetFromJsonAsync<List<MyTask>>("/api/plans/my-tasks", SiparFactory.Json))!, t => t.TaskId == w.TaskId);

        var url = $"/tasks/{w.TaskId}";
        var saved = await SiparFactory.PostFormAsync(lead, url, new()
        {
            ["Status"] = "InProgress", ["Note"] = "Đã rà soát 12/15 văn bản.", [$"Actuals[{w.TargetId}]"] = "80%",
        }, url + "?handler=Progress");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var refused = await SiparFactory.PostFormAsync(coordinator, url, new() { ["Status"] = "Done", ["Note"] = "Xong" }, url + "?handler=Progress");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var api = await coordinator.PostAsJsonAsync($"/api/plans/tasks/{w.TaskId}/progress", new ProgressInput(PlanTaskStatus.Done, null, null));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(bystander, url, new() { ["Note"] = "x" }, url + "?handler=Contribution")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2));
        var contributed = await SiparFactory.PostFormAsync(coordinator, url, new() { ["Note"] = "Đã cung cấp số liệu kinh phí." }, url + "?handler=Contribution");
        Assert.Equal(HttpStatusCode.Redirect, contributed.StatusCode);

        var detail = await lead.GetFromJsonAsync<TaskDetail>($"/api/plans/tasks/{w.TaskId}", SiparFactory.Json);
        Assert.Equal(PlanTaskStatus.InProgress, detail!.Status);
        Assert.Equal("80%", detail.Targets.Single().Actual);
        Assert.Equal([TaskUpdateKind.Contribution, TaskUpdateKind.Progress], detail.Updates.Select(u => u.Kind));
        Assert.Equal("Cán bộ KH-TC", detail.Updates[0].UserName);
    }

    [Fact]
    public async Task A_note_over_the_limit_gets_only_the_vietnamese_field_message_and_keeps_the_chosen_status()
    {
        var w = await WorldAsync();
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var url = $"/tasks/{w.TaskId}";
        var refused = await SiparFactory.PostFormAsync(lead, url, new() { ["Status"] = "InProgress", ["Note"] = new string('x', 4001) }, url + "?handler=Progress");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await SiparFactory.HtmlAsync(refused);
        var form = page.QuerySelector("[data-testid=progress-form]")!;
        Assert.Equal("Tối đa 4000 ký tự.", form.QuerySelector("[data-valmsg-for=Note]")!.TextContent.Trim());
        Assert.Empty(page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? "");
        Assert.DoesNotContain("Unrecognized", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("InProgress", form.QuerySelector("#Status option[selected]")!.GetAttribute("value"));
        Assert.Equal("4000", form.QuerySelector("#Note")!.GetAttribute("maxlength"));
        Assert.Equal(PlanTaskStatus.NotStarted, (await lead.GetFromJsonAsync<TaskDetail>($"/api/plans/tasks/{w.TaskId}", SiparFactory.Json))!.Status);
    }

    [Fact]
    public async Task The_dashboard_says_how_many_tasks_have_no_deadline_and_are_not_started_after_the_year()
    {
        // A 2022 plan whose tasks came without deadlines, looked at in December 2026 with nothing started.
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var page = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/dashboard"));
        Assert.Equal("0", page.QuerySelector("[data-testid=kpi-overdue]")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("[data-testid=kpi-no-deadline]")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("[data-testid=kpi-not-started-after-year]")!.TextContent.Trim());
        Assert.Contains("2 nhiệm vụ chưa có hạn hoàn thành", page.QuerySelector("[data-testid=no-deadline-warning]")!.TextContent, StringComparison.Ordinal);

        // Once the office gives them the year's end, they are overdue, and the warning goes.
        foreach (var task in new[] { w.TaskId })
        {
            var url = $"/tasks/{task}";
            Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, new() { ["Deadline"] = "31/12/2022", ["Recurrence"] = "None" }, url + "?handler=Deadline")).StatusCode);
        }

        page = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/dashboard"));
        Assert.Equal("1", page.QuerySelector("[data-testid=kpi-overdue]")!.TextContent.Trim());
        Assert.Equal("1", page.QuerySelector("[data-testid=kpi-no-deadline]")!.TextContent.Trim());

        // A deadline that is not a date is said beside the field and the saved one stays (it is not cleared).
        var typo = await SiparFactory.PostFormAsync(office, $"/tasks/{w.TaskId}", new() { ["Deadline"] = "31/13/2022", ["Recurrence"] = "None" }, $"/tasks/{w.TaskId}?handler=Deadline");
        Assert.Equal(HttpStatusCode.OK, typo.StatusCode);
        Assert.Contains("\"31/13/2022\" không phải là ngày", (await SiparFactory.HtmlAsync(typo)).Body!.TextContent, StringComparison.Ordinal);
        page = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/dashboard"));
        Assert.Equal("1", page.QuerySelector("[data-testid=kpi-overdue]")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_home_page_lists_what_is_due_for_the_person_late_first()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var bystander = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning));
        var url = $"/tasks/{w.TaskId}";
        var soon = app.Today.AddDays(3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, new() { ["Deadline"] = soon, ["Recurrence"] = "None" }, url + "?handler=Deadline")).StatusCode);

        var home = await SiparFactory.HtmlAsync(await lead.GetAsync("/"));
        var item = Assert.Single(home.QuerySelectorAll("[data-testid=due-item]"), i => i.TextContent.Contains("Bảo đảm 100% văn bản QPPL", StringComparison.Ordinal));
        Assert.Contains(soon, item.TextContent, StringComparison.Ordinal);
        Assert.Equal(url, item.QuerySelector("a")!.GetAttribute("href"));

        // The coordinating unit's home shows it too (it is its work); another agency's person sees nothing of it.
        Assert.Contains("Bảo đảm 100% văn bản QPPL", (await SiparFactory.HtmlAsync(await bystander.GetAsync("/"))).QuerySelector("[data-testid=due-work]")!.TextContent, StringComparison.Ordinal);
        var other = await app.CreateAgencyAsync("Sở Khác");
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, other.AgencyId, other.UnitId));
        Assert.DoesNotContain("Bảo đảm 100% văn bản QPPL", (await SiparFactory.HtmlAsync(await stranger.GetAsync("/"))).QuerySelector("[data-testid=due-work]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_search_box_finds_plans_tasks_and_reports_without_diacritics_only_in_agencies_the_person_may_read()
    {
        var w = await WorldAsync();
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra"));
        var found = await SiparFactory.HtmlAsync(await lead.GetAsync("/search?Q=" + Uri.EscapeDataString("BAO DAM 100% van ban qppl")));
        var hit = Assert.Single(found.QuerySelectorAll("[data-testid=search-results] li"));
        Assert.Equal($"/tasks/{w.TaskId}", hit.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Kế hoạch thử", hit.TextContent, StringComparison.Ordinal);
        var plans = await SiparFactory.HtmlAsync(await lead.GetAsync("/search?Q=ke%20hoach%20thu"));
        Assert.Contains(plans.QuerySelectorAll("[data-testid=search-results] a"), a => a.GetAttribute("href") == $"/plans/{w.PlanId}");

        var other = await app.CreateAgencyAsync("Sở Khác");
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, other.AgencyId, other.UnitId));
        var none = await SiparFactory.HtmlAsync(await stranger.GetAsync("/search?Q=bao%20dam%20100%25%20van%20ban%20qppl"));
        Assert.NotNull(none.QuerySelector("[data-testid=search-empty]"));
    }

    [Fact]
    public async Task Another_agency_cannot_read_or_touch_the_task()
    {
        var w = await WorldAsync();
        var other = await app.CreateAgencyAsync("Sở Khác");
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, other.AgencyId, other.UnitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/plans/tasks/{w.TaskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/tasks/{w.TaskId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/plans/{w.PlanId}")).StatusCode);
    }

    [Fact]
    public async Task Evidence_is_checked_stored_outside_the_web_root_and_only_downloaded()
    {
        var w = await WorldAsync();
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

        var ok = await Upload(lead, w.TaskId, "bien-ban.pdf", "application/pdf", pdf);
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var exe = await SiparFactory.HtmlAsync(await Upload(lead, w.TaskId, "cong-cu.exe", "application/octet-stream", [0x4D, 0x5A, 0x90, 0]));
        Assert.StartsWith("Chỉ nhận PDF", exe.QuerySelector("[data-testid=evidence-error]")!.TextContent.Trim(), StringComparison.Ordinal);
        var fake = await SiparFactory.HtmlAsync(await Upload(lead, w.TaskId, "gia.pdf", "application/pdf", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>")));
        Assert.Equal("Nội dung tệp không khớp với phần mở rộng của tên tệp.", fake.QuerySelector("[data-testid=evidence-error]")!.TextContent.Trim());

        var detail = await lead.GetFromJsonAsync<TaskDetail>($"/api/plans/tasks/{w.TaskId}", SiparFactory.Json);
        var evidence = Assert.Single(detail!.Evidence);
        Assert.Equal("bien-ban.pdf", evidence.FileName);
        var download = await lead.GetAsync($"/tasks/{w.TaskId}/evidence/{evidence.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "files"), "*", SearchOption.AllDirectories));

        var other = await app.CreateAgencyAsync("Sở Khác");
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, other.AgencyId, other.UnitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/tasks/{w.TaskId}/evidence/{evidence.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_draft_plan_is_issued_with_its_number_and_date_before_work_starts()
    {
        var w = await WorldAsync(issue: false);
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var early = await lead.PostAsJsonAsync($"/api/plans/tasks/{w.TaskId}/progress", new ProgressInput(PlanTaskStatus.InProgress, "x", null));
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Kế hoạch chưa ban hành", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var url = $"/plans/{w.PlanId}";
        var missing = await SiparFactory.PostFormAsync(office, url, new() { ["IssueNumber"] = "", ["IssueDate"] = "" }, url + "?handler=Issue");
        var page = await SiparFactory.HtmlAsync(missing);
        Assert.Contains("Vui lòng nhập số văn bản.", page.QuerySelector("[data-testid=issue-form]")!.TextContent, StringComparison.Ordinal);

        // A date far from the plan's year is a typo; a plausible one is asked about first, with what will be locked.
        var typo = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, url, new() { ["IssueNumber"] = "123", ["IssueDate"] = "31/12/2099" }, url + "?handler=Issue"));
        Assert.Equal("Ngày ban hành không hợp lý cho kế hoạch năm 2022: phải từ 01/01/2021 đến 31/12/2022.", typo.QuerySelector("[data-valmsg-for=IssuedOn]")!.TextContent.Trim());
        Assert.Equal("31/12/2099", typo.QuerySelector("#IssueDate")!.GetAttribute("value"));
        Assert.Null(typo.QuerySelector("[data-testid=confirm-step]"));
        var notADate = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, url, new() { ["IssueNumber"] = "123", ["IssueDate"] = "08/31/2022" }, url + "?handler=Issue"));
        Assert.Contains("hãy viết theo dạng ngày/tháng/năm", notADate.QuerySelector("[data-testid=issue-form]")!.TextContent, StringComparison.Ordinal);
        var asked = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, url, new() { ["IssueNumber"] = "123", ["IssueDate"] = "05/08/2022" }, url + "?handler=Issue"));
        var step = asked.QuerySelector("[data-testid=confirm-step]")!;
        Assert.Contains("số 123, ngày 05/08/2022", step.TextContent, StringComparison.Ordinal);
        Assert.Contains("bị khóa", step.TextContent, StringComparison.Ordinal);
        Assert.Empty(asked.QuerySelectorAll("[data-testid=confirm-warning]"));
        Assert.Equal("05/08/2022", step.QuerySelector("input[name=IssueDate]")!.GetAttribute("value"));
        Assert.Equal(PlanStatus.Draft, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Plan>().Where(p => p.Id == w.PlanId).Select(p => p.Status).SingleAsync()));
        var issued = await SiparFactory.PostFormAsync(office, url, new() { ["IssueNumber"] = "123", ["IssueDate"] = "05/08/2022", ["confirmed"] = "true" }, url + "?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);

        // A second plan of the agency with the same year and title is issued only after a warning.
        var twin = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var plan = Plan.CreateDraft(w.AgencyId, new PlanContent(2022, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, "Kế hoạch  thử", [], [], [], [new SectionContent("II.1", "Chỉ đạo điều hành", w.Office, false, [], ["Tham mưu."])], [], [], null, null, null), new HashSet<Guid> { w.Office }, app.UtcNow);
            db.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
        var warned = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, $"/plans/{twin}", new() { ["IssueNumber"] = "124", ["IssueDate"] = "06/08/2022" }, $"/plans/{twin}?handler=Issue"));
        Assert.Contains("cùng năm và cùng tên: số 123/KH-SLĐTBXH, ngày 05/08/2022", warned.QuerySelector("[data-testid=confirm-warning]")!.TextContent, StringComparison.Ordinal);
        var status = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Plan>().Where(p => p.Id == w.PlanId).Select(p => new { p.Status, p.Number }).SingleAsync());
        Assert.Equal(PlanStatus.Issued, status.Status);
        Assert.Equal("123", status.Number);
        Assert.Equal(HttpStatusCode.NoContent, (await lead.PostAsJsonAsync($"/api/plans/tasks/{w.TaskId}/progress", new ProgressInput(PlanTaskStatus.InProgress, "Bắt đầu", null))).StatusCode);
    }

    [Fact]
    public async Task The_office_filters_the_plan_reminds_a_unit_by_Sipar_and_email_and_flags_it_for_leadership()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var inspector = await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate, "Cán bộ Thanh tra");
        var lead = await app.SignedInClientAsync(inspector);
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, w.AgencyId, w.Office));

        var url = $"/plans/{w.PlanId}/follow-up";
        var filtered = await SiparFactory.HtmlAsync(await office.GetAsync($"{url}?Unit={w.Planning}"));
        Assert.Single(filtered.QuerySelectorAll("[data-testid=follow-up-table] tbody tr"));
        var bySection = await SiparFactory.HtmlAsync(await office.GetAsync($"{url}?Section=II.1&Status=NotStarted"));
        Assert.Contains("Tham mưu báo cáo định kỳ.", bySection.QuerySelector("[data-testid=follow-up-table]")!.TextContent, StringComparison.Ordinal);
        var overdue = await SiparFactory.HtmlAsync(await office.GetAsync($"{url}?Overdue=true"));
        Assert.Null(overdue.QuerySelector("[data-testid=follow-up-table]"));

        var empty = await SiparFactory.PostFormAsync(office, url, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = " " }, url + "?handler=Remind");
        Assert.Equal("Vui lòng nhập nội dung đôn đốc.", (await SiparFactory.HtmlAsync(empty)).QuerySelector("[data-valmsg-for=Message]")!.TextContent.Trim());
        var sent = await SiparFactory.PostFormAsync(office, url, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = "Đề nghị Thanh tra Sở báo cáo tiến độ rà soát văn bản QPPL trước ngày 15/9." }, url + "?handler=Remind");
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var mail = Assert.Single(app.Smtp.Messages, m => m.To == inspector.Email);
        Assert.Contains("Subject:", mail.Data, StringComparison.Ordinal);

        var mine = await SiparFactory.HtmlAsync(await lead.GetAsync("/my-tasks"));
        Assert.Contains("trước ngày 15/9", mine.QuerySelector("[data-testid=reminders]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(lead, url, new() { ["UnitId"] = w.Planning.ToString(), ["Message"] = "x" }, url + "?handler=Remind")).StatusCode);

        var flagged = await SiparFactory.PostFormAsync(office, url, new() { ["UnitId"] = w.Planning.ToString(), ["Kind"] = "Late", ["Reason"] = "Chưa cung cấp số liệu kinh phí quý III." }, url + "?handler=Flag");
        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var plan = await SiparFactory.HtmlAsync(await leader.GetAsync($"/plans/{w.PlanId}"));
        var flags = plan.QuerySelector("[data-testid=flags]")!.TextContent;
        Assert.Contains("Phòng Kế hoạch – Tài chính", flags, StringComparison.Ordinal);
        Assert.Contains("Triển khai chậm: Chưa cung cấp số liệu kinh phí quý III.", flags, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoever_is_shown_the_follow_up_forms_can_post_them_and_whoever_cannot_is_not_shown_them()
    {
        var w = await WorldAsync();
        var url = $"/plans/{w.PlanId}/follow-up";
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var page = await SiparFactory.HtmlAsync(await admin.GetAsync(url));
        Assert.NotNull(page.QuerySelector("[data-testid=remind-form]"));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(admin, url, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = "Đề nghị báo cáo tiến độ." }, url + "?handler=Remind")).StatusCode);

        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, w.AgencyId, w.Office));
        var shown = await SiparFactory.HtmlAsync(await leader.GetAsync(url));
        Assert.Null(shown.QuerySelector("[data-testid=remind-form]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(leader, url, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = "x" }, url + "?handler=Remind")).StatusCode);
    }

    [Fact]
    public async Task The_office_schedules_a_task_it_shows_overdue_and_a_closed_plan_takes_no_more_updates()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var lead = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Inspectorate));
        var url = $"/tasks/{w.TaskId}";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, url, new() { ["Deadline"] = "2022-09-30", ["Recurrence"] = "Quarterly" }, url + "?handler=Deadline")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(lead, url, new() { ["Deadline"] = "2099-01-01" }, url + "?handler=Deadline")).StatusCode);
        var detail = await lead.GetFromJsonAsync<TaskDetail>($"/api/plans/tasks/{w.TaskId}", SiparFactory.Json);
        Assert.True(detail!.Overdue);
        Assert.Equal(TaskRecurrence.Quarterly, detail.Recurrence);
        var overdue = await SiparFactory.HtmlAsync(await office.GetAsync($"/plans/{w.PlanId}/follow-up?Overdue=true"));
        Assert.Single(overdue.QuerySelectorAll("[data-testid=follow-up-table] tbody tr"));

        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}", [], $"/plans/{w.PlanId}?handler=Close")).StatusCode);
        var late = await lead.PostAsJsonAsync($"/api/plans/tasks/{w.TaskId}/progress", new ProgressInput(PlanTaskStatus.Done, "x", null));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("Kế hoạch đã kết thúc", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, Guid taskId, string name, string type, byte[] content)
    {
        var token = await SiparFactory.AntiforgeryTokenAsync(client, $"/tasks/{taskId}");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(type);
        using var form = new MultipartFormDataContent { { file, "evidence", name }, { new StringContent(token), "__RequestVerificationToken" } };
        return await client.PostAsync($"/tasks/{taskId}?handler=Evidence", form);
    }

    private sealed record World(Guid AgencyId, Guid Office, Guid Inspectorate, Guid Planning, Guid PlanId, Guid TaskId, Guid TargetId);

    /// <summary>An agency with three units and a plan whose section II.2 is led by the inspectorate with planning coordinating.</summary>
    private Task<World> WorldAsync(bool issue = true) =>
        app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var agency = await admin.CreateAsync(new AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(agency, new("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            var inspectorate = await admin.AddUnitAsync(agency, new("Thanh tra Sở", "TTr", UnitKind.Inspectorate, null), CancellationToken.None);
            var planning = await admin.AddUnitAsync(agency, new("Phòng Kế hoạch – Tài chính", "Phòng KH-TC", UnitKind.Division, null), CancellationToken.None);
            var content = new PlanContent(2022, null, "KH-SLĐTBXH", null, "Lạng Sơn", null, "Kế hoạch thử", [], [], [],
                [
                    new SectionContent("II.1", "Chỉ đạo điều hành", office, false, [], ["Tham mưu báo cáo định kỳ."]),
                    new SectionContent("II.2", "Văn bản QPPL", inspectorate, false, [planning], ["Bảo đảm 100% văn bản QPPL được rà soát theo quy định."]),
                ], [], [], null, null, null);
            var plan = Plan.CreateDraft(agency, content, new HashSet<Guid> { office, inspectorate, planning }, app.UtcNow);
            if (issue)
            {
                plan.Issue("123", new DateOnly(2022, 8, 5));
            }

            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            var task = plan.Sections[1].Tasks[0];
            return new World(agency, office, inspectorate, planning, plan.Id, task.Id, task.Targets.Single().Id);
        });
}

public sealed class PlanWorkTestsOnSqlite(SqliteFactory app) : PlanWorkTests<SqliteFactory>(app);

public sealed class PlanWorkTestsOnPostgres(PostgresFactory app) : PlanWorkTests<PostgresFactory>(app);
