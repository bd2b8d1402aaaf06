using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sipar.Modules.Accounts;
using Sipar.Modules.ParIndex;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class ParFrameworkTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task An_appraiser_previews_a_framework_sees_errors_by_row_then_imports_a_valid_one_and_exports_it()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        var demo = ParIndexModule.DemoFramework();
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(demo).Replace("\"maxPoints\": 14.5", "\"maxPoints\": \"mười bốn\"", StringComparison.Ordinal));

        var errors = await SiparFactory.HtmlAsync(await Upload(appraiser, "bo-chi-so.json", broken, "2031"));
        var list = errors.QuerySelector("[data-testid=framework-errors]")!.TextContent;
        Assert.Contains("Điểm tối đa \"mười bốn\" không phải là số.", list, StringComparison.Ordinal);
        Assert.Matches(@"Dòng \d+: Điểm tối đa", list);
        Assert.Null(errors.QuerySelector("form[action*=Import]"));
        Assert.DoesNotContain(await app.WithServicesAsync(sp => sp.GetRequiredService<FrameworkAdministration>().ListAsync(CancellationToken.None)), f => f.Year == 2031);

        var preview = await SiparFactory.HtmlAsync(await Upload(appraiser, "bo-chi-so.json", demo, "2031"));
        Assert.Contains("8 lĩnh vực", preview.QuerySelector("[data-testid=framework-summary]")!.TextContent, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["content"] = preview.QuerySelector("input[name=content]")!.GetAttribute("value")!,
            ["fileName"] = "bo-chi-so.json", ["Year"] = "2031", ["Kind"] = "Department",
        };
        var imported = await SiparFactory.PostFormAsync(appraiser, "/par/frameworks", fields, "/par/frameworks?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var framework = Assert.Single(await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks", SiparFactory.Json) ?? [], f => f.Year == 2031);
        Assert.Equal((2031, 8, 100m), (framework.Year, framework.Areas, framework.DeclaredTotal));

        var page = await SiparFactory.HtmlAsync(await appraiser.GetAsync($"/par/frameworks/{framework.Id}"));
        Assert.Contains("Cải cách thủ tục hành chính", page.QuerySelector("[data-testid=framework-tree]")!.TextContent, StringComparison.Ordinal);
        var exported = await (await appraiser.GetAsync($"/par/frameworks/{framework.Id}/export.json")).Content.ReadAsByteArrayAsync();
        Assert.Empty(FrameworkValidator.Validate(FrameworkReader.Read("x.json", exported)));

        var again = await appraiser.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2031", SiparFactory.Body(demo, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Đã có bộ chỉ số cùng tên", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_year_starts_from_a_copy_whose_mapping_is_edited_until_a_campaign_freezes_it()
    {
        var appraiser = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        await ParWorkflowTests<TFactory>.ImportFrameworkAsync(appraiser, 2051);
        var source = (await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks", SiparFactory.Json))!.Single(f => f.Year == 2051);
        var copied = await SiparFactory.PostFormAsync(appraiser, $"/par/frameworks/{source.Id}", [], $"/par/frameworks/{source.Id}?handler=Copy");
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var page = copied.Headers.Location!.ToString();
        var copy = await SiparFactory.HtmlAsync(await appraiser.GetAsync(page));
        Assert.Equal("Giữ nguyên", copy.QuerySelector("[data-testid='change-1.2']")!.TextContent.Trim());

        var saved = await SiparFactory.PostFormAsync(appraiser, page, new() { ["previous[1.2]"] = "1.2; 1.3", ["previous[1.3]"] = "", ["previous[1.4]"] = "1 4" }, page + "?handler=Map");
        Assert.Contains("Mã năm trước \"1 4\" không hợp lệ", (await SiparFactory.HtmlAsync(saved)).Body!.TextContent, StringComparison.Ordinal);
        saved = await SiparFactory.PostFormAsync(appraiser, page, new() { ["previous[1.2]"] = "1.2; 1.3", ["previous[1.3]"] = "" }, page + "?handler=Map");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var mapped = await SiparFactory.HtmlAsync(await appraiser.GetAsync(page));
        Assert.Equal("Gộp", mapped.QuerySelector("[data-testid='change-1.2']")!.TextContent.Trim());
        Assert.Equal("Mới", mapped.QuerySelector("[data-testid='change-1.3']")!.TextContent.Trim());

        // The .xlsx export carries the mapping and reads back as a valid framework.
        var xlsx = await (await appraiser.GetAsync(page + "/export.xlsx")).Content.ReadAsByteArrayAsync();
        var file = FrameworkReader.Read("bo-chi-so.xlsx", xlsx);
        Assert.Empty(FrameworkValidator.Validate(file));
        Assert.Equal("1.2;1.3", file.Lines.Single(l => l.Code == "1.2").PreviousCodes);

        // A campaign uses it: frozen, the mapping can no longer change.
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var day = app.UtcNow.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(appraiser, "/par", new()
        {
            ["Form.Year"] = "2052", ["Form.Name"] = "Đánh giá 2052", ["Form.SelfAssessmentDue"] = day, ["Form.AppraisalDue"] = day, ["Form.ExplanationDue"] = day, ["Form.AgencyIds"] = agencyId.ToString(),
        }, "/par?handler=Create")).StatusCode);
        var frozen = await SiparFactory.PostFormAsync(appraiser, page, new() { ["previous[1.2]"] = "1.2" }, page + "?handler=Map");
        Assert.Contains("Bộ chỉ số đã được dùng để đánh giá nên không sửa được", (await SiparFactory.HtmlAsync(frozen)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã khóa (đang được dùng)", (await SiparFactory.HtmlAsync(await appraiser.GetAsync(page))).QuerySelector("[data-testid=frozen]")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_unit_officer_cannot_validate_or_import_frameworks()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));
        var response = await officer.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json", SiparFactory.Body(ParIndexModule.DemoFramework(), "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null((await SiparFactory.HtmlAsync(await officer.GetAsync("/par/frameworks"))).QuerySelector("input[type=file]"));
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string name, byte[] content, string year)
    {
        var token = await SiparFactory.AntiforgeryTokenAsync(client, "/par/frameworks");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "upload", name },
            { new StringContent(year), "Year" },
            { new StringContent("Department"), "Kind" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync("/par/frameworks?handler=Preview", form);
    }
}

public sealed class ParFrameworkTestsOnSqlite(SqliteFactory app) : ParFrameworkTests<SqliteFactory>(app);

public sealed class ParFrameworkTestsOnPostgres(PostgresFactory app) : ParFrameworkTests<PostgresFactory>(app);
