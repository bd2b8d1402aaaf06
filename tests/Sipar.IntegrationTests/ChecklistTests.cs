using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>Checklists on tasks: the ISO 9001 maintenance points, ticked per unit with date and evidence.</summary>
public abstract class ChecklistTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task Each_unit_ticks_its_own_points_with_evidence_the_office_sees_the_grid_and_the_task_counts_it_as_progress()
    {
        var w = await WorldAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, w.AgencyId, w.Office));
        var planner = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Planning, "Cán bộ KH-TC"));
        var clerk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, w.AgencyId, w.Office, "Cán bộ Văn phòng"));
        var page = $"/tasks/{w.TaskId}/checklist";

        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(planner, page, new() { ["Points"] = "x" }, page + "?handler=Points")).StatusCode);
        var points = "Công bố phạm vi áp dụng\nCập nhật quy trình\nĐánh giá nội bộ\nHọp xem xét của lãnh đạo";
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { ["Points"] = points }, page + "?handler=Points")).StatusCode);
        var grid = await office.GetFromJsonAsync<JsonElement>($"/api/plans/tasks/{w.TaskId}/checklist");
        var ids = grid.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("id").GetGuid()).ToList();
        Assert.Equal((4, 8), (ids.Count, grid.GetProperty("expected").GetInt32()));

        // Bad ticks: no evidence, a day after today; each refused next to its field, nothing recorded.
        var tick = page + "?handler=Tick";
        var noEvidence = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(planner, page,
            new() { ["pointId"] = ids[0].ToString(), ["unitId"] = w.Planning.ToString(), ["doneOn"] = "2026-11-20", ["evidence"] = " " }, tick));
        Assert.Equal("Vui lòng nhập minh chứng.", noEvidence.QuerySelector($"[data-valmsg-for='Tick[{ids[0]}].Evidence']")!.TextContent.Trim());
        var future = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(planner, page,
            new() { ["pointId"] = ids[0].ToString(), ["unitId"] = w.Planning.ToString(), ["doneOn"] = "2026-12-02", ["evidence"] = "QĐ 12" }, tick));
        Assert.Equal("Ngày thực hiện không được sau hôm nay.", future.QuerySelector($"[data-valmsg-for='Tick[{ids[0]}].DoneOn']")!.TextContent.Trim());

        // A unit ticks only for itself, and only a unit of the task can tick at all.
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(planner, page,
            new() { ["pointId"] = ids[0].ToString(), ["unitId"] = w.Inspectorate.ToString(), ["doneOn"] = "2026-11-20", ["evidence"] = "QĐ 12" }, tick)).StatusCode);
        var outsider = await clerk.PostAsJsonAsync($"/api/plans/tasks/{w.TaskId}/checklist/{ids[0]}/ticks", new TickInput(w.Office, new DateOnly(2026, 11, 20), "QĐ 12"));
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains("không tham gia nhiệm vụ", await outsider.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(planner, page,
            new() { ["pointId"] = ids[0].ToString(), ["unitId"] = w.Planning.ToString(), ["doneOn"] = "2026-11-20", ["evidence"] = "Quyết định 12/QĐ-SLĐTBXH công bố phạm vi" }, tick)).StatusCode);

        var html = await SiparFactory.HtmlAsync(await office.GetAsync(page));
        Assert.Equal("Đã thực hiện 1/8 nội dung (13%).", html.QuerySelector("[data-testid=checklist-progress]")!.TextContent.Trim());
        var done = html.QuerySelector("td[data-unit='Phòng Kế hoạch – Tài chính'][data-point='Công bố phạm vi áp dụng']")!;
        Assert.Equal("true", done.GetAttribute("data-done"));
        Assert.Contains("20/11/2026", done.TextContent, StringComparison.Ordinal);
        Assert.Contains("Quyết định 12/QĐ-SLĐTBXH công bố phạm vi", done.TextContent, StringComparison.Ordinal);
        Assert.Equal("false", html.QuerySelector("td[data-unit='Thanh tra Sở'][data-point='Công bố phạm vi áp dụng']")!.GetAttribute("data-done"));
        Assert.Null(html.QuerySelector("td[data-unit='Văn phòng Sở']"));
        Assert.Empty(html.QuerySelectorAll("[data-testid=tick-form]"));
        Assert.Equal("Danh mục kiểm tra: 13%", (await SiparFactory.HtmlAsync(await office.GetAsync($"/tasks/{w.TaskId}"))).QuerySelector("[data-testid=checklist-link]")!.TextContent.Trim());

        // A ticked point cannot be taken out; reordering and adding keep the tick.
        var removing = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(office, page, new() { ["Points"] = "Cập nhật quy trình" }, page + "?handler=Points"));
        Assert.Contains("Không bỏ được nội dung \"Công bố phạm vi áp dụng\"", removing.QuerySelector("[data-valmsg-for=Points]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, new() { ["Points"] = "Cập nhật quy trình\n" + points + "\nCải tiến hệ thống" }, page + "?handler=Points")).StatusCode);
        grid = await office.GetFromJsonAsync<JsonElement>($"/api/plans/tasks/{w.TaskId}/checklist");
        Assert.Equal((5, 10, 1), (grid.GetProperty("points").GetArrayLength(), grid.GetProperty("expected").GetInt32(), grid.GetProperty("done").GetInt32()));
        Assert.Equal("Cập nhật quy trình", grid.GetProperty("points")[0].GetProperty("text").GetString());

        var audited = await app.WithServicesAsync(sp => System.Threading.Tasks.Task.FromResult(sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Audit.AuditEntry>().Count(e => e.EntityType == "ChecklistTick")));
        Assert.True(audited >= 1);
    }

    private async Task<IssuedPlan> WorldAsync() =>
        await IssuedPlans.CreateAsync(app, "Kiểm tra việc áp dụng, duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001 tại các đơn vị.");
}

public sealed class ChecklistTestsOnSqlite(SqliteFactory app) : ChecklistTests<SqliteFactory>(app);

public sealed class ChecklistTestsOnPostgres(PostgresFactory app) : ChecklistTests<PostgresFactory>(app);
