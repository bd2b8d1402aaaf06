using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;
using Sipar.Modules.Dossiers;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>A dossier through the desk's pages as each role would work it, then the citizen's lookup and rating, and the figures.</summary>
public abstract class DossierDeskTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_register_shows_fifty_dossiers_a_page_with_links_that_keep_the_filter()
    {
        var (agencyId, officeUnit, _) = await app.CreateAgencyAsync();
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, officeUnit));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, officeUnit));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/dossiers/procedures", new()
        {
            ["Code"] = "1.000459", ["Name"] = "Cấp giấy phép lao động", ["Field"] = "Việc làm", ["TimeLimit"] = "5", ["Unit"] = "WorkingDays",
            ["Cutoff"] = "15:00", ["Documents"] = "Đơn đề nghị", ["Fee"] = "0", ["Level"] = "Partial",
        })).StatusCode);
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(p => p.AgencyId == agencyId).Select(p => p.Id).SingleAsync());
        var token = await SiparFactory.AntiforgeryTokenAsync(desk, "/dossiers");
        for (var i = 1; i <= 51; i++)
        {
            var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["ProcedureId"] = procedureId.ToString(), ["ApplicantName"] = $"Người nộp {i:00}", ["Channel"] = "Desk", ["__RequestVerificationToken"] = token });
            Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync("/dossiers?handler=Receive", form)).StatusCode);
        }

        var first = await SiparFactory.HtmlAsync(await desk.GetAsync("/dossiers?Search=nguoi%20nop"));
        Assert.Equal(50, first.QuerySelectorAll("[data-testid=register] tbody tr").Length);
        var next = first.QuerySelector("[data-testid=next-page]")!.GetAttribute("href")!;
        Assert.Contains("Search=nguoi%20nop", next, StringComparison.Ordinal);
        var second = await SiparFactory.HtmlAsync(await desk.GetAsync(next));
        Assert.Single(second.QuerySelectorAll("[data-testid=register] tbody tr"));
        Assert.Null(second.QuerySelector("[data-testid=next-page]"));
        Assert.Contains("Người nộp 01", second.QuerySelector("[data-testid=register]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_procedures_steps_set_each_hand_overs_deadline_and_its_documents_say_how_many_originals_and_copies()
    {
        // The clock stays where the other tests left it (it only moves forward); the dates come from the dossier's own plan.
        var (agencyId, officeUnit, _) = await app.CreateAgencyAsync();
        var processing = await app.WithServicesAsync(sp => sp.GetRequiredService<Sipar.Modules.Organisation.AgencyAdministration>()
            .AddUnitAsync(agencyId, new("Phòng Lao động", "LD", Sipar.Modules.Organisation.UnitKind.Division, null), CancellationToken.None));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, officeUnit));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, officeUnit));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/dossiers/procedures", new()
        {
            ["Code"] = "1.000105", ["Name"] = "Đăng ký nội quy lao động", ["Field"] = "Lao động", ["TimeLimit"] = "5", ["Unit"] = "WorkingDays",
            ["Documents"] = "Văn bản đề nghị (01 bản chính)\nNội quy lao động | 1 bản chính | 2 bản sao", ["Fee"] = "0", ["Level"] = "Full",
            ["Steps"] = "Tiếp nhận, chuyển hồ sơ | 0,5\nThẩm định hồ sơ | 3\nTrình ký, trả kết quả | 1,5",
        })).StatusCode);
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(p => p.AgencyId == agencyId).Select(p => p.Id).SingleAsync());
        var published = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync($"/thu-tuc/{procedureId}"));
        Assert.Contains("Nội quy lao động (1 bản chính, 2 bản sao)", published.Body!.TextContent, StringComparison.Ordinal);

        var received = await SiparFactory.PostFormAsync(desk, "/dossiers", new() { ["ProcedureId"] = procedureId.ToString(), ["ApplicantName"] = "Công ty TNHH A", ["Channel"] = "Online" }, "/dossiers?handler=Receive");
        var page = received.Headers.Location!.ToString();
        var checking = await SiparFactory.HtmlAsync(await desk.GetAsync(page));
        Assert.Contains("Văn bản đề nghị (1 bản chính)", checking.QuerySelector("[data-testid=accept-form]")!.TextContent, StringComparison.Ordinal);
        var both = new FormUrlEncodedContent([new("Documents", "Văn bản đề nghị"), new("Documents", "Nội quy lao động"), new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(desk, page))]);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(page + "?handler=Accept", both)).StatusCode);
        var id = Guid.Parse(page.Split('/')[^1]);
        var plan = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().AsNoTracking().SingleAsync(d => d.Id == id));
        var dues = plan.PlannedSteps.Select(p => p.Due!.Value).ToList();
        Assert.Equal(3, dues.Count);
        Assert.True(dues[0] < dues[1] && dues[1] < dues[2] && dues[2] == plan.AppointmentDate, string.Join(", ", dues));

        // The page shows the plan and proposes the first step; the desk hands it over for the second, due on that step's date.
        var accepted = await SiparFactory.HtmlAsync(await desk.GetAsync(page));
        var rows = accepted.QuerySelectorAll("[data-testid=step-plan] tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["Thẩm định hồ sơ", "3", Show.Date(dues[1])], rows[1]);
        Assert.Equal("0", accepted.QuerySelector("#Step option[selected]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(desk, page, new() { ["UnitId"] = processing.ToString(), ["Step"] = "1" }, page + "?handler=Assign")).StatusCode);
        var assigned = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().AsNoTracking().Include(d => d.Steps).SingleAsync(d => d.Id == id));
        Assert.Equal((dues[1], "Thẩm định hồ sơ"), (assigned.StepDue!.Value, assigned.Steps[^1].Note));
        Assert.Equal("2", (await SiparFactory.HtmlAsync(await desk.GetAsync(page))).QuerySelector("#Step option[selected]")!.GetAttribute("value"));

        // Through the API: an unknown step is refused beside the field and changes nothing; the last step is due on the appointment date.
        var unknown = await desk.PostAsJsonAsync($"/api/dossiers/{id}/assign", new { unitId = processing, step = 7 }, SiparFactory.Json);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Bước này không có trong quy trình", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await desk.PostAsJsonAsync($"/api/dossiers/{id}/assign", new { unitId = processing, step = 2 }, SiparFactory.Json)).StatusCode);
        Assert.Equal(dues[2], await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().Where(d => d.Id == id).Select(d => d.StepDue).SingleAsync()));

        // The receipt lists originals and copies; the control sheet names each step with its own deadline.
        var receipt = DocumentChecks.ValidWordText(await desk.GetByteArrayAsync($"/api/dossiers/{id}/forms/1"));
        Assert.Contains("Bản chính\nBản sao", receipt, StringComparison.Ordinal);
        Assert.Contains("Nội quy lao động\n01\n02", receipt, StringComparison.Ordinal);
        var sheet = DocumentChecks.ValidWordText(await desk.GetByteArrayAsync($"/api/dossiers/{id}/forms/6"));
        Assert.Contains(Show.Date(dues[1]), sheet, StringComparison.Ordinal);
        Assert.Contains("Thẩm định hồ sơ", sheet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dossier_goes_from_the_desk_through_its_unit_and_leader_back_to_the_citizen_who_looks_it_up_and_rates_it()
    {
        // A Tuesday morning in Việt Nam (the desk is open).
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));
        var (agencyId, officeUnit, _) = await app.CreateAgencyAsync();
        var (otherAgency, otherUnit, _) = await app.CreateAgencyAsync();
        var processing = await app.WithServicesAsync(sp => sp.GetRequiredService<Sipar.Modules.Organisation.AgencyAdministration>()
            .AddUnitAsync(agencyId, new("Phòng Việc làm", "VL", Sipar.Modules.Organisation.UnitKind.Division, null), CancellationToken.None));
        var office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, officeUnit));
        var desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, officeUnit));
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, processing));
        var otherOfficer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, officeUnit));
        var leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, agencyId, officeUnit));
        var stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, otherAgency, otherUnit));

        // The office publishes a procedure; the desk officer may not.
        var procedure = new Dictionary<string, string>
        {
            ["Code"] = "1.004227", ["Name"] = "Cấp giấy phép lao động cho người nước ngoài", ["Field"] = "Việc làm", ["TimeLimit"] = "5", ["Unit"] = "WorkingDays",
            ["Cutoff"] = "15:00", ["Documents"] = "Đơn đề nghị\nBản sao hộ chiếu", ["Fee"] = "600000", ["Level"] = "Partial",
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(desk, "/dossiers/procedures", procedure)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, "/dossiers/procedures", procedure)).StatusCode);
        var catalogue = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync("/thu-tuc?Q=giay%20phep%20lao%20dong"));
        Assert.Contains("1.004227", catalogue.QuerySelector("[data-testid=procedures]")!.TextContent, StringComparison.Ordinal);
        var procedureId = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Procedure>().Where(p => p.AgencyId == agencyId).Select(p => p.Id).SingleAsync());

        // Received at the desk; accepting with a document missing is refused and names it.
        var received = await SiparFactory.PostFormAsync(desk, "/dossiers", new() { ["ProcedureId"] = procedureId.ToString(), ["ApplicantName"] = "John Smith", ["Channel"] = "Desk" }, "/dossiers?handler=Receive");
        Assert.Equal(HttpStatusCode.Redirect, received.StatusCode);
        var page = received.Headers.Location!.ToString();
        var missing = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(desk, page, new() { ["Documents"] = "Đơn đề nghị" }, page + "?handler=Accept"));
        Assert.Contains("Hồ sơ còn thiếu: Bản sao hộ chiếu", missing.QuerySelector("[data-testid=errors]")!.TextContent, StringComparison.Ordinal);
        var both = new FormUrlEncodedContent([new("Documents", "Đơn đề nghị"), new("Documents", "Bản sao hộ chiếu"), new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(desk, page))]);
        Assert.Equal(HttpStatusCode.Redirect, (await desk.PostAsync(page + "?handler=Accept", both)).StatusCode);
        var view = await SiparFactory.HtmlAsync(await desk.GetAsync(page));
        Assert.Equal("08/12/2026", view.QuerySelector("[data-testid=appointment]")!.TextContent.Trim());
        var code = view.QuerySelector("[data-testid=code]")!.TextContent.Trim();
        var secret = view.QuerySelector("[data-testid=secret]")!.TextContent.Trim();
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync(page)).StatusCode);

        // The desk hands it to the unit; only that unit processes it, only a leader signs.
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(desk, page, new() { ["UnitId"] = processing.ToString() }, page + "?handler=Assign")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(otherOfficer, "/dossiers", [], page + "?handler=Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(officer, page, [], page + "?handler=Submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SiparFactory.PostFormAsync(desk, page, [], page + "?handler=Sign")).StatusCode);
        app.Clock.Advance(TimeSpan.FromDays(6));   // Mon 07/12: finished early
        leader = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Leader, agencyId, officeUnit));
        desk = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, agencyId, officeUnit));
        office = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, officeUnit));
        stranger = await app.SignedInClientAsync(await app.CreateUserAsync(Role.DeskOfficer, otherAgency, otherUnit));
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(leader, page, [], page + "?handler=Sign")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(desk, page, new() { ["Delivery"] = "AtDesk" }, page + "?handler=Return")).StatusCode);
        // The business counters: received at the desk, returned early (scraped without a login, in process).
        var metrics = await app.ScrapeMetricsAsync("sipar_dossiers_returned_total");
        Assert.Matches("sipar_dossiers_received_total\\{[^}]*channel=\"Desk\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("sipar_dossiers_returned_total\\{[^}]*outcome=\"early\"[^}]*\\} [1-9]", metrics);

        // The citizen: nothing without the secret; with it, the status and a rating form.
        var citizen = app.NewClient();
        var wrong = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/tra-cuu", new() { ["Code"] = code, ["Secret"] = "AAAAAA" }));
        Assert.NotNull(wrong.QuerySelector("[data-testid=not-found]"));
        Assert.DoesNotContain("John Smith", wrong.Body!.TextContent, StringComparison.Ordinal);
        var found = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/tra-cuu", new() { ["Code"] = code.ToLowerInvariant(), ["Secret"] = secret }));
        Assert.Equal("đã trả kết quả", found.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        var noOverall = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/tra-cuu", new() { ["Code"] = code, ["Secret"] = secret, ["Trips"] = "1" }, "/tra-cuu?handler=Rate"));
        Assert.Contains("mức hài lòng chung", noOverall.QuerySelector("[data-testid=rate-form]")!.TextContent, StringComparison.Ordinal);
        var rated = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(citizen, "/tra-cuu", new() { ["Code"] = code, ["Secret"] = secret, ["Overall"] = "2", ["Trips"] = "3", ["Comment"] = "Phải đi lại nhiều lần" }, "/tra-cuu?handler=Rate"));
        Assert.NotNull(rated.QuerySelector("[data-testid=thanks]"));
        Assert.Null(rated.QuerySelector("[data-testid=rate-form]"));

        // The figures: one received and finished early, rated unsatisfied; the audit trail has every change.
        var figures = await office.GetFromJsonAsync<DossierFigures>($"/api/dossiers/indicators?from=2026-12-01&to=2026-12-31", SiparFactory.Json);
        Assert.Equal((1, 1, 0, 100m, 0m), (figures!.Received, figures.FinishedEarly, figures.LateInProgress, figures.OnTimeRate, figures.SatisfactionRate));
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.GetAsync($"/api/dossiers/indicators?agencyId={agencyId}&from=2026-12-01&to=2026-12-31")).StatusCode);
        var audited = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Sipar.Modules.Audit.AuditEntry>().CountAsync(e => e.EntityType == "Dossier"));
        Assert.True(audited >= 7, $"{audited} audit entries");
        var steps = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Dossier>().Where(d => d.Code == code).SelectMany(d => d.Steps).CountAsync());
        Assert.Equal(7, steps);   // receive, accept, assign, submit, sign, return, rate

        // What other modules read through the contract: the SIPAS frame, a complaint naming the dossier, PAR INDEX's computed criterion.
        await app.WithServicesAsync(async sp =>
        {
            var records = sp.GetRequiredService<IDossierRecords>();
            var frame = await records.ReturnedAsync(agencyId, new(2026, 12, 1), new(2026, 12, 31), CancellationToken.None);
            Assert.Equal((code, "John Smith", new DateOnly(2026, 12, 7)), (frame.Single().Code, frame.Single().ApplicantName, frame.Single().ReturnedOn));
            Assert.Empty(await records.ReturnedAsync(otherAgency, new(2026, 12, 1), new(2026, 12, 31), CancellationToken.None));
            Assert.False(await records.MarkComplainedAboutAsync(agencyId, "KHONG-CO", CancellationToken.None));
            Assert.True(await records.MarkComplainedAboutAsync(agencyId, code, CancellationToken.None));
            var source = sp.GetServices<Sipar.Modules.ParIndex.IParDataSource>().Single(s => s.Code == Sipar.Modules.ParIndex.ParDataSources.DossiersOnTime);
            var rows = await source.RowsAsync(agencyId, 2026, new DateOnly(2026, 12, 31), CancellationToken.None);
            Assert.Equal(true, rows.Single().OnTime);
        });
    }
}

public sealed class DossierDeskTestsOnSqlite(SqliteFactory app) : DossierDeskTests<SqliteFactory>(app);

public sealed class DossierDeskTestsOnPostgres(PostgresFactory app) : DossierDeskTests<PostgresFactory>(app);
