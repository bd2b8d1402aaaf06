using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>Two people changing the same plan or assessment: the second is told, nothing is overwritten unseen.</summary>
public abstract class ConcurrencyTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task Two_saves_of_the_same_plan_read_at_the_same_time_end_in_a_conflict_for_the_second()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var planId = await app.WithServicesAsync(async sp =>
        {
            var content = new PlanContent(2026, null, "KH-STN", null, "Lạng Sơn", null, "Kế hoạch CCHC năm 2026", [], [], [],
                [new SectionContent("II.1", "Chỉ đạo điều hành", unitId, false, [], ["Tham mưu báo cáo định kỳ."])], [], [], null, null, null);
            var plan = Plan.CreateDraft(agencyId, content, new HashSet<Guid> { unitId }, app.UtcNow);
            var db = sp.GetRequiredService<SiparDbContext>();
            db.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });

        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var a = first.ServiceProvider.GetRequiredService<SiparDbContext>();
        var b = second.ServiceProvider.GetRequiredService<SiparDbContext>();
        var planA = await a.Set<Plan>().SingleAsync(p => p.Id == planId);
        var planB = await b.Set<Plan>().SingleAsync(p => p.Id == planId);

        planA.Issue("12", app.Today);
        await a.SaveChangesAsync();
        planB.Issue("13", app.Today);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => b.SaveChangesAsync());

        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Plan>().AsNoTracking().SingleAsync(p => p.Id == planId));
        Assert.Equal("12", stored.Number);
    }

    [Fact]
    public async Task Leadership_submitting_a_page_loaded_before_the_office_changed_it_is_told_to_reload_and_nothing_locks()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var assessmentId = await AssessmentAsync(agencyId);
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, agencyId, unitId));
        var page = $"/par/assessments/{assessmentId}";

        // The leader opens the page; then the office marks it reviewed.
        var seen = await SiparFactory.HtmlAsync(await leader.GetAsync(page));
        var version = seen.QuerySelector("[data-testid=submit-assessment]")!.ParentElement!.QuerySelector("input[name=version]")!.GetAttribute("value")!;
        var token = seen.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var reviewed = await SiparFactory.PostFormAsync(office, page, new() { ["version"] = (await VersionAsync(office, assessmentId)).ToString(System.Globalization.CultureInfo.InvariantCulture) }, page + "?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var stale = await leader.PostAsync(page + "?handler=Submit", new FormUrlEncodedContent(new Dictionary<string, string> { ["version"] = version, ["confirmed"] = "true", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Người khác vừa thay đổi nội dung này", (await SiparFactory.HtmlAsync(stale)).QuerySelector(".validation-summary-errors, [data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var status = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParAssessment>().Where(a => a.Id == assessmentId).Select(a => a.Status).SingleAsync());
        Assert.Equal(AssessmentStatus.Draft, status);
    }

    [Fact]
    public async Task An_API_score_sent_with_a_stale_version_is_a_409()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var assessmentId = await AssessmentAsync(agencyId);
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
        var assessment = await office.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/par/assessments/{assessmentId}", SiparFactory.Json);
        var version = assessment.GetProperty("version").GetInt32();
        var score = assessment.GetProperty("scores").EnumerateArray().First(s => s.GetProperty("method").GetString() == "SelfAssessed" && s.GetProperty("maxPoints").GetDecimal() >= 1).GetProperty("id").GetGuid();

        var fresh = await office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{score}", new { points = 0.5m, explanation = "Có văn bản", version });
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        var stale = await office.PutAsJsonAsync($"/api/par/assessments/{assessmentId}/scores/{score}", new { points = 0.25m, explanation = "Có văn bản", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.StartsWith("Người khác vừa thay đổi", (await stale.Content.ReadFromJsonAsync<ProblemDetails>(SiparFactory.Json))!.Title, StringComparison.Ordinal);
    }

    private async Task<int> VersionAsync(HttpClient client, Guid assessmentId) =>
        (await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/par/assessments/{assessmentId}", SiparFactory.Json)).GetProperty("version").GetInt32();

    /// <summary>A draft assessment with every self-assessed item scored, ready for the office's review.</summary>
    private async Task<Guid> AssessmentAsync(Guid agencyId)
    {
        var id = (await app.CreateDraftAssessmentAsync(agencyId)).AssessmentId;
        await app.ScoreAllZeroAsync(id);
        return id;
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteFactory app) : ConcurrencyTests<SqliteFactory>(app);

public sealed class ConcurrencyTestsOnPostgres(PostgresFactory app) : ConcurrencyTests<PostgresFactory>(app);
