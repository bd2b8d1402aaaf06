using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>What an attacker tried: hostile uploads, unpublished results, missing headers, forged API writes, bad input.</summary>
public abstract class HardeningTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task Hostile_documents_from_the_least_privileged_role_are_refused_and_the_server_lives_on()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));
        foreach (var file in new[] { HostileFiles.DeepDocx(), HostileFiles.BombDocx(200) })
        {
            var body = new ByteArrayContent(file);
            body.Headers.ContentType = new MediaTypeHeaderValue(DocxType);
            var response = await officer.PostAsync("/api/plans/parse?fileName=ke-hoach.docx", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json);
            Assert.StartsWith("Tệp quá lớn hoặc quá phức tạp khi giải nén", problem!.Errors["file"].Single(), StringComparison.Ordinal);
        }

        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var sheet = new ByteArrayContent(HostileFiles.DeepXlsx());
        sheet.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        var framework = await appraiser.PostAsync("/api/par/frameworks?fileName=bo-chi-so.xlsx", sheet);
        Assert.Equal(HttpStatusCode.BadRequest, framework.StatusCode);
        Assert.Contains("quá phức tạp", await framework.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_published_campaign_never_reveals_another_campaigns_unpublished_results()
    {
        const int year = 2039;
        var published = await app.CreateAgencyAsync("Sở Đã công bố");
        var hidden = await app.CreateAgencyAsync("Sở Chưa công bố");
        var (campaignA, campaignB) = await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var framework = Framework.FromFile(FrameworkReader.Read("f.json", ParIndexModule.DemoFramework()), year, AgencyKind.Department, $"Bộ {Guid.NewGuid():N}", app.UtcNow);
            var a = ParCampaign.Create(year, "Đợt 1", new DateOnly(year, 3, 1), new DateOnly(year, 4, 1), new DateOnly(year, 4, 15), app.UtcNow);
            var b = ParCampaign.Create(year, "Đợt 2", new DateOnly(year, 9, 1), new DateOnly(year, 10, 1), new DateOnly(year, 10, 15), app.UtcNow.AddMinutes(1));
            db.AddRange(framework, a, b);
            foreach (var item in framework.Items.Where(i => i.Level == CriterionLevel.Area))
            {
                db.Add(ParResult.Appraised(year, published.AgencyId, item.Code, item.MaxPoints / 2, a.Id, app.UtcNow));
                db.Add(ParResult.Appraised(year, hidden.AgencyId, item.Code, item.MaxPoints, b.Id, app.UtcNow));
            }

            a.Publish(app.UtcNow);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });

        var hiddenOffice = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, hidden.AgencyId, hidden.UnitId));
        var publishedOffice = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, published.AgencyId, published.UnitId));
        foreach (var office in new[] { hiddenOffice, publishedOffice })
        {
            var api = await office.GetFromJsonAsync<JsonElement>($"/api/par/results/{year}", SiparFactory.Json);
            Assert.Equal([published.Name], api.EnumerateArray().Select(r => r.GetProperty("agency").GetString()));
            Assert.Equal(1, api[0].GetProperty("rank").GetInt32());
            var ranking = await office.GetAsync($"/par/results/{year}");
            Assert.Equal(HttpStatusCode.OK, ranking.StatusCode);
            var text = (await SiparFactory.HtmlAsync(ranking)).Body!.TextContent;
            Assert.Contains(published.Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hidden.Name, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hiddenOffice.GetAsync($"/par/results/{year}/agencies/{hidden.AgencyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await publishedOffice.GetAsync($"/par/results/{year}/agencies/{published.AgencyId}")).StatusCode);

        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        Assert.Equal(2, (await appraiser.GetFromJsonAsync<JsonElement>($"/api/par/results/{year}", SiparFactory.Json)).GetArrayLength());

        // Withdrawn: nothing of the year shows; the API says 403, the pages 404.
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            (await db.Set<ParCampaign>().FindAsync(campaignA))!.Unpublish();
            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await publishedOffice.GetAsync($"/api/par/results/{year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publishedOffice.GetAsync($"/par/results/{year}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await publishedOffice.GetAsync($"/par/results/{year}/agencies/{published.AgencyId}")).StatusCode);
        Assert.NotEqual(campaignA, campaignB);
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var imported = await appraiser.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2038", SiparFactory.Body(ParIndexModule.DemoFramework(), "application/json"));
        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var frameworkId = (await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks", SiparFactory.Json))!.First(f => f.Year == 2038).Id;

        var anonymous = app.NewClient();
        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["page"] = await anonymous.GetAsync("/account/login"),
            ["api"] = await appraiser.GetAsync("/api/me"),
            ["api 401"] = await anonymous.GetAsync("/api/me"),
            ["error page"] = await appraiser.GetAsync("/khong-co-trang-nay"),
            ["download"] = await appraiser.GetAsync($"/par/frameworks/{frameworkId}/export.xlsx"),
            ["static file"] = await anonymous.GetAsync("/css/site.css"),
        };
        Assert.Equal(HttpStatusCode.NotFound, responses["error page"].StatusCode);
        foreach (var (what, response) in responses)
        {
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            foreach (var directive in new[] { "default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'" })
            {
                Assert.True(csp.Contains(directive, StringComparison.Ordinal), $"{what}: {csp}");
            }

            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("camera=()", response.Headers.GetValues("Permissions-Policy").Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_API_write_from_another_site_is_refused_and_raw_bodies_need_their_real_type()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        Task<int> FrameworksAsync() => app.WithServicesAsync(sp => sp.GetRequiredService<FrameworkAdministration>().ListAsync(CancellationToken.None)).ContinueWith(t => t.Result.Count(f => f.Year == 2037), TaskScheduler.Default);

        // What a hostile page's form can send: text/plain, with the browser's Origin of that page.
        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2037")
        {
            Content = new ByteArrayContent(ParIndexModule.DemoFramework()) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } },
        };
        forged.Headers.Add("Origin", "https://ke-xau.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await appraiser.SendAsync(forged)).StatusCode);
        var fetched = new HttpRequestMessage(HttpMethod.Post, "/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2037") { Content = SiparFactory.Body(ParIndexModule.DemoFramework(), "application/json") };
        fetched.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await appraiser.SendAsync(fetched)).StatusCode);

        var plain = await appraiser.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2037", SiparFactory.Body(ParIndexModule.DemoFramework(), "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("application/json", (await plain.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json))!.Errors["file"].Single(), StringComparison.Ordinal);
        Assert.Equal(0, await FrameworksAsync());

        // The same site (as the app's own pages would) and clients without an Origin (the CLI, scripts) still write.
        var own = new HttpRequestMessage(HttpMethod.Post, "/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2037") { Content = SiparFactory.Body(ParIndexModule.DemoFramework(), "application/json") };
        own.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.Created, (await appraiser.SendAsync(own)).StatusCode);
        Assert.Equal(1, await FrameworksAsync());
    }

    [Theory]
    [InlineData("/api/calendar/due?received=31-02-2025&days=5")]
    [InlineData("/api/calendar/count?from=hôm-qua&to=2025-02-10")]
    [InlineData("/api/users?agencyId=khong-phai-guid")]
    public async Task Bad_query_values_are_a_Vietnamese_400_not_a_500(string url)
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var response = await admin.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", (await response.Content.ReadFromJsonAsync<ProblemDetails>(SiparFactory.Json))!.Title);
    }

    [Fact]
    public async Task Enums_are_accepted_by_name_and_bad_JSON_is_a_400()
    {
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var name = $"Sở Theo tên {Guid.NewGuid():N}"[..30];
        var created = await admin.PostAsync("/api/agencies", new StringContent($"{{\"name\":\"{name}\",\"symbol\":\"STT\",\"placeName\":\"Lạng Sơn\",\"kind\":\"Department\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var unknown = await admin.PostAsync("/api/agencies", new StringContent($"{{\"name\":\"{name}x\",\"symbol\":\"STT\",\"placeName\":\"Lạng Sơn\",\"kind\":\"Galaxy\"}}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var broken = await admin.PostAsync("/api/agencies", new StringContent("{\"name\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("Yêu cầu không hợp lệ", (await broken.Content.ReadFromJsonAsync<ProblemDetails>(SiparFactory.Json))!.Title);
    }
}

public sealed class HardeningTestsOnSqlite(SqliteFactory app) : HardeningTests<SqliteFactory>(app);

public sealed class HardeningTestsOnPostgres(PostgresFactory app) : HardeningTests<PostgresFactory>(app);
