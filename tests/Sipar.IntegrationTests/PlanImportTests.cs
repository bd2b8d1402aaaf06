using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Sipar.Infrastructure.Cli;
using Sipar.Modules.Accounts;
using Sipar.Modules.Plans;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class PlanImportTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private static readonly string Seed = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "plan-sldtbxh-lang-son-2022.txt"));

    [Fact]
    public async Task The_parse_API_reads_the_seed_and_returns_the_documented_shape()
    {
        var client = await OfficeClient();
        var response = await client.PostAsync("/api/plans/parse?fileName=ke-hoach.md", new StringContent(Seed, Encoding.UTF8, "text/markdown"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        foreach (var field in new[] { "number", "symbol", "issuer", "place", "date", "title", "legalBases", "sections", "recipients", "signer", "warnings" })
        {
            Assert.True(root.TryGetProperty(field, out _), field);
        }

        Assert.Equal(JsonValueKind.Null, root.GetProperty("number").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("date").ValueKind);
        Assert.Equal(6, root.GetProperty("sections").GetArrayLength());
        var first = root.GetProperty("sections")[0];
        Assert.Equal("Văn phòng Sở", first.GetProperty("leadUnit").GetString());
        Assert.Equal(4, first.GetProperty("tasks").GetArrayLength());
        Assert.True(first.GetProperty("tasks")[0].TryGetProperty("targets", out _));
        Assert.Equal("2022-07-06", root.GetProperty("legalBases")[0].GetProperty("date").GetString());
        Assert.Equal("Phạm Đức Huân", root.GetProperty("signer").GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_parse_API_takes_a_form_upload_and_refuses_files_that_are_not_plans_in_Vietnamese()
    {
        var client = await OfficeClient();
        using var ok = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(Seed)), "file", "ke-hoach.txt" } };
        var draft = await (await client.PostAsync("/api/plans/parse", ok)).Content.ReadFromJsonAsync<PlanDraft>();
        Assert.Equal(29, draft!.Sections.Sum(s => s.Tasks.Count));

        var image = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var png = new MultipartFormDataContent { { image, "file", "anh.png" } };
        var refused = await client.PostAsync("/api/plans/parse", png);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>();
        Assert.StartsWith("Tệp không phải là kế hoạch", problem!.Errors["file"].Single(), StringComparison.Ordinal);

        var empty = await client.PostAsync("/api/plans/parse?fileName=rong.txt", new StringContent("", Encoding.UTF8, "text/plain"));
        Assert.Equal("Tệp rỗng.", (await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors["file"].Single());

        var huge = await client.PostAsync("/api/plans/parse?fileName=lon.txt", new ByteArrayContent(new byte[PlanDocumentReader.MaxBytes + 1]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("Tệp quá lớn", await huge.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parsing_needs_a_signed_in_user()
    {
        var response = await app.NewClient().PostAsync("/api/plans/parse", new StringContent(Seed, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Plan_parse_on_the_command_line_prints_the_draft_as_JSON()
    {
        var file = Path.Combine(app.DataDirectory, "ke-hoach.txt");
        await File.WriteAllTextAsync(file, Seed);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await SiparCommandLine.RunAsync(["plan", "parse", file, "--json"], Program.CreateApp, output, error, app.Settings);
        Assert.True(code == 0, error.ToString());
        var draft = JsonSerializer.Deserialize<PlanDraft>(output.ToString(), CliContext.Json)!;
        Assert.Equal([4, 3, 5, 5, 4, 8], draft.Sections.Select(s => s.Tasks.Count));
        Assert.Equal(7, draft.Recipients.Count);

        using var missingOut = new StringWriter();
        using var missingError = new StringWriter();
        var missing = await SiparCommandLine.RunAsync(["plan", "parse", Path.Combine(app.DataDirectory, "khong-co.docx")], Program.CreateApp, missingOut, missingError, app.Settings);
        Assert.Equal(2, missing);
        Assert.Contains("Không tìm thấy tệp", missingError.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> OfficeClient()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        return await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
    }
}

public sealed class PlanImportTestsOnSqlite(SqliteFactory app) : PlanImportTests<SqliteFactory>(app);

public sealed class PlanImportTestsOnPostgres(PostgresFactory app) : PlanImportTests<PostgresFactory>(app);
