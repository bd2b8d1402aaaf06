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

        await RefusedAsync(SiparFactory.PostFormAsync(lead, task, new() { ["Status"] = "InProgress", ["Note"] = Over(4000) }, task + "?handler=Progress"), 4000);
        await RefusedAsync(SiparFactory.PostFormAsync(lead, task, new() { ["Status"] = "InProgress", [$"Actuals[{w.TargetId}]"] = Over(1000) }, task + "?handler=Progress"), 1000);
        await RefusedAsync(SiparFactory.PostFormAsync(coordinator, task, new() { ["Note"] = Over(4000) }, task + "?handler=Contribution"), 4000);
        await RefusedAsync(SiparFactory.PostFormAsync(office, followUp, new() { ["UnitId"] = w.Inspectorate.ToString(), ["Message"] = Over(2000) }, followUp + "?handler=Remind"), 2000);
        await RefusedAsync(SiparFactory.PostFormAsync(office, followUp, new() { ["UnitId"] = w.Planning.ToString(), ["Kind"] = "Late", ["Reason"] = Over(2000) }, followUp + "?handler=Flag"), 2000);
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

        await RefusedAsync(SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = Over(20000) }, url + "?handler=Save"), 20000);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(unit, url, new() { ["Narrative"] = "Đã thực hiện." }, url + "?handler=Submit")).StatusCode);
        await RefusedAsync(SiparFactory.PostFormAsync(office, url, new() { ["Reason"] = Over(2000) }, url + "?handler=Return"), 2000);
        var consolidated = $"/reports/{period.Id}/consolidated";
        await RefusedAsync(SiparFactory.PostFormAsync(office, consolidated, new() { ["Summary"] = Over(20000), ["Difficulties"] = "", ["Proposals"] = "" }, consolidated), 20000);
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
        var issued = await SiparFactory.PostFormAsync(office, $"/plans/{w.PlanId}", new() { ["IssueNumber"] = "9", ["IssueDate"] = "2026-02-01" }, $"/plans/{w.PlanId}?handler=Issue");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        return w;
    }
}
