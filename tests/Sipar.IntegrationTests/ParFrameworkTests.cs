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
        Assert.Empty(await app.WithServicesAsync(sp => sp.GetRequiredService<FrameworkAdministration>().ListAsync(CancellationToken.None)));

        var preview = await SiparFactory.HtmlAsync(await Upload(appraiser, "bo-chi-so.json", demo, "2031"));
        Assert.Contains("8 lĩnh vực", preview.QuerySelector("[data-testid=framework-summary]")!.TextContent, StringComparison.Ordinal);
        var fields = new Dictionary<string, string>
        {
            ["content"] = preview.QuerySelector("input[name=content]")!.GetAttribute("value")!,
            ["fileName"] = "bo-chi-so.json", ["Year"] = "2031", ["Kind"] = "Department",
        };
        var imported = await SiparFactory.PostFormAsync(appraiser, "/par/frameworks", fields, "/par/frameworks?handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var framework = Assert.Single(await appraiser.GetFromJsonAsync<List<FrameworkSummary>>("/api/par/frameworks") ?? []);
        Assert.Equal((2031, 8, 100m), (framework.Year, framework.Areas, framework.DeclaredTotal));

        var page = await SiparFactory.HtmlAsync(await appraiser.GetAsync($"/par/frameworks/{framework.Id}"));
        Assert.Contains("Cải cách thủ tục hành chính", page.QuerySelector("[data-testid=framework-tree]")!.TextContent, StringComparison.Ordinal);
        var exported = await (await appraiser.GetAsync($"/par/frameworks/{framework.Id}/export.json")).Content.ReadAsByteArrayAsync();
        Assert.Empty(FrameworkValidator.Validate(FrameworkReader.Read("x.json", exported)));

        var again = await appraiser.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json&import=true&year=2031", new ByteArrayContent(demo));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("Đã có bộ chỉ số cùng tên", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_officer_cannot_validate_or_import_frameworks()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));
        var response = await officer.PostAsync("/api/par/frameworks?fileName=bo-chi-so.json", new ByteArrayContent(ParIndexModule.DemoFramework()));
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
