using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Cli;
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

        // Contacts are for the wave's staff only: a surveyor of the same agency not named on the wave sees the progress, not the people.
        var notStaff = await SiparFactory.HtmlAsync(await colleague.GetAsync(page));
        Assert.NotNull(notStaff.QuerySelector("[data-testid=progress]"));
        Assert.Null(notStaff.QuerySelector("[data-testid=contacts]"));
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.GetAsync(page + "/invitations")).StatusCode);
        var invitations = await SiparFactory.HtmlAsync(await office.GetAsync(page + "/invitations"));
        Assert.Equal(19, invitations.QuerySelectorAll("[data-testid=invitation]").Length);
        Assert.StartsWith("data:image/png;base64,", invitations.QuerySelector("[data-testid=invitation] img")!.GetAttribute("src"), StringComparison.Ordinal);

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

        // Published: citizens see the results without signing in.
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/khao-sat/ket-qua/" + waveId)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(office, page, [], page + "?handler=Publish")).StatusCode);
        var results = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat/ket-qua/" + waveId));
        Assert.NotEmpty(results.QuerySelector("[data-testid=public-overall]")!.TextContent.Trim());
        Assert.Equal(5, results.QuerySelectorAll("[data-testid=public-factors] meter").Length);

        // After the wave closes, an unused code is a friendly "the survey has ended".
        app.Clock.Advance(TimeSpan.FromDays(40));
        var late = await SiparFactory.HtmlAsync(await citizen.GetAsync("/khao-sat?ma=" + replacement.Token));
        Assert.NotNull(late.QuerySelector("[data-testid=survey-expired]"));
    }

    private async Task<(int Code, string Out, string Error)> Cli(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SiparCommandLine.RunAsync(args, Program.CreateApp, output, error, app.Settings);
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class SipasTestsOnSqlite(SqliteFactory app) : SipasTests<SqliteFactory>(app);

public sealed class SipasTestsOnPostgres(PostgresFactory app) : SipasTests<PostgresFactory>(app);
