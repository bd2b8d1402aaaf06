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
        var draft = await (await client.PostAsync("/api/plans/parse", ok)).Content.ReadFromJsonAsync<PlanDraft>(SiparFactory.Json);
        Assert.Equal(29, draft!.Sections.Sum(s => s.Tasks.Count));

        var image = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var png = new MultipartFormDataContent { { image, "file", "anh.png" } };
        var refused = await client.PostAsync("/api/plans/parse", png);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json);
        Assert.StartsWith("Tệp không phải là kế hoạch", problem!.Errors["file"].Single(), StringComparison.Ordinal);

        var empty = await client.PostAsync("/api/plans/parse?fileName=rong.txt", new StringContent("", Encoding.UTF8, "text/plain"));
        Assert.Equal("Tệp rỗng.", (await empty.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json))!.Errors["file"].Single());

        var huge = await client.PostAsync("/api/plans/parse?fileName=lon.txt", SiparFactory.Body(new byte[PlanDocumentReader.MaxBytes + 1], "text/plain"));
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

    [Fact]
    public async Task The_office_imports_the_seed_reviews_it_and_saves_a_draft_plan_with_matched_units()
    {
        var (agencyId, client) = await SeedAgencyOfficeAsync();
        var review = await Preview(client, Seed);
        var page = await SiparFactory.HtmlAsync(review);
        Assert.NotNull(page.QuerySelector("[data-testid=review-form]"));
        Assert.Contains("Phạm Đức Huân", page.QuerySelector("[data-testid=plan-source]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("[data-testid=parse-warning]"), w => w.TextContent.Contains("chưa có số", StringComparison.Ordinal));

        var units = await app.WithServicesAsync(sp => sp.GetRequiredService<Sipar.Modules.Organisation.AgencyAdministration>().UnitTreeAsync(agencyId, CancellationToken.None));
        string Selected(int section) => page.QuerySelector($"#s{section}-lead option[selected]")?.GetAttribute("value") ?? "";
        Assert.Equal(units.Single(u => u.Name == "Văn phòng Sở").Id.ToString(), Selected(0));
        Assert.Equal(units.Single(u => u.Name == "Thanh tra Sở").Id.ToString(), Selected(1));
        Assert.Equal(units.Single(u => u.Name == "Phòng Kế hoạch – Tài chính").Id.ToString(), Selected(3));
        Assert.Equal("all", Selected(5));
        var coordinating = page.QuerySelectorAll("#s0-coord input[checked]").Select(o => o.NextElementSibling!.TextContent.Trim()).ToList();
        Assert.Equal(["Trường Cao đẳng nghề Lạng Sơn"], coordinating);

        var saved = await client.PostAsync("/plans/import?handler=Save", new FormUrlEncodedContent(FormFields(page)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = await SiparFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location));
        var sections = plan.QuerySelectorAll("[data-testid=plan-section]");
        Assert.Equal(6, sections.Length);
        Assert.Equal([4, 3, 5, 5, 4, 8], sections.Select(s => s.QuerySelectorAll("[data-testid=task]").Length));
        Assert.Equal("Phòng Kế hoạch – Tài chính", sections[3].QuerySelector("[data-testid=lead]")!.TextContent.Trim());
        Assert.Equal("Tất cả các cơ quan, đơn vị", sections[5].QuerySelector("[data-testid=lead]")!.TextContent.Trim());
        Assert.Contains("Dự thảo", plan.Body!.TextContent, StringComparison.Ordinal);

        // The generated plan opens with the one basis the seed cites, with its own verb: no decree from inside a task.
        var docx = DocumentChecks.ValidWordText(await (await client.GetAsync(saved.Headers.Location + "/export/plan.docx")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Thực hiện Kế hoạch số 156/KH-UBND ngày 06/7/2022 của UBND tỉnh Lạng Sơn", docx, StringComparison.Ordinal);
        Assert.DoesNotContain("Căn cứ", docx, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_without_roman_parts_is_reviewed_with_its_sections_warnings_and_targets_and_the_saved_plan_shows_its_targets()
    {
        var (_, client) = await SeedAgencyOfficeAsync();
        const string text = """
            UBND TỈNH LẠNG SƠN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI | Độc lập - Tự do - Hạnh phúc
            Số: 41/KH-SLĐTBXH | Lạng Sơn,
            ngày 12 tháng 01 năm 2026
            KẾ HOẠCH
            Cải cách hành chính năm 2026
            Thực hiện Kế hoạch số 08/KH-UBND ngày 06/01/2026 của UBND tỉnh Lạng Sơn;
            1. Mục tiêu
            - 100% thủ tục hành chính được công khai đúng quy định.
            - Tỷ lệ hài lòng của người dân đạt trên 85%.
            2. Nhiệm vụ
            2.1. Cải cách thể chế
            Thanh tra Sở chủ trì, phối hợp với Văn phòng Sở:
            - Rà soát văn bản quy phạm pháp luật thuộc lĩnh vực của Sở.
            2.2. Cải cách thủ tục hành chính
            Văn phòng Sở chủ trì tổ chức công khai thủ tục hành chính tại Bộ phận Một cửa.
            3. Tổ chức thực hiện
            Các phòng, đơn vị căn cứ Kế hoạch này triển khai thực hiện.
            """;
        var page = await SiparFactory.HtmlAsync(await Preview(client, text));
        Assert.Equal("41", page.QuerySelector("#Review_Number")!.GetAttribute("value"));
        Assert.Equal("12/01/2026", page.QuerySelector("#Review_IssuedOn")!.GetAttribute("value"));   // the date split over two header cells
        Assert.Contains(page.QuerySelectorAll("[data-testid=parse-warning]"), w => w.TextContent.Contains("không chia phần I, II, III", StringComparison.Ordinal));
        Assert.Equal("Chỉ tiêu của kế hoạch (đọc từ mục tiêu): 100% thủ tục hành chính được công khai đúng quy định; trên 85% Tỷ lệ hài lòng của người dân",
            page.QuerySelector("[data-testid=review-targets]")!.TextContent.Trim());

        var saved = await client.PostAsync("/plans/import?handler=Save", new FormUrlEncodedContent(FormFields(page)));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var plan = await SiparFactory.HtmlAsync(await client.GetAsync(saved.Headers.Location));
        Assert.Equal(["Thanh tra Sở", "Văn phòng Sở"], plan.QuerySelectorAll("[data-testid=plan-section] [data-testid=lead]").Select(l => l.TextContent.Trim()));
        var targets = plan.QuerySelectorAll("[data-testid=plan-targets] li").Select(l => l.TextContent.Trim()).ToList();
        Assert.Equal(2, targets.Count);
        Assert.Contains("trên 85%", targets[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_a_section_without_a_lead_unit_is_refused_naming_the_section_and_keeps_the_edits()
    {
        var (_, client) = await SeedAgencyOfficeAsync();
        var page = await SiparFactory.HtmlAsync(await Preview(client, Seed));
        var fields = FormFields(page);
        Set(fields, "Review.Sections[2].Lead", "");
        Set(fields, "Review.Title", "Kế hoạch đã sửa tên");
        var refused = await client.PostAsync("/plans/import?handler=Save", new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await SiparFactory.HtmlAsync(refused);
        Assert.Equal("Mục II.3 chưa có đơn vị chủ trì.", again.QuerySelector("[data-testid=lead-error-2]")!.TextContent.Trim());
        Assert.Equal("Kế hoạch đã sửa tên", again.QuerySelector("#Review_Title")!.TextContent.Trim());
        Assert.Empty(await app.WithServicesAsync(sp => sp.GetRequiredService<PlanQueries>().ListAsync(null, CancellationToken.None)));
    }

    [Fact]
    public async Task A_unit_officer_cannot_import_or_save_plans()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/plans/import")).StatusCode);
        var token = await SiparFactory.AntiforgeryTokenAsync(officer, "/plans");
        var save = await officer.PostAsync("/plans/import?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Review.AgencyId"] = agencyId.ToString(), ["Review.Title"] = "X", ["Review.Year"] = "2026",
        }));
        Assert.Equal(HttpStatusCode.Forbidden, save.StatusCode);
    }

    private async Task<HttpResponseMessage> Preview(HttpClient client, string text)
    {
        var token = await SiparFactory.AntiforgeryTokenAsync(client, "/plans/import");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "upload", "ke-hoach.txt" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return await client.PostAsync("/plans/import?handler=Preview", form);
    }

    /// <summary>Every field of the review form as the browser would post it.</summary>
    private static List<KeyValuePair<string, string>> FormFields(AngleSharp.Html.Dom.IHtmlDocument page)
    {
        var form = page.QuerySelector("[data-testid=review-form]")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = input.GetAttribute("name")!;
            switch (input)
            {
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        fields.Add(new(name, option.Value));
                    }

                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        fields.Add(new(name, box.Value));
                    }

                    break;
                case AngleSharp.Html.Dom.IHtmlInputElement box:
                    fields.Add(new(name, box.Value));
                    break;
            }
        }

        return fields;
    }

    private static void Set(List<KeyValuePair<string, string>> fields, string name, string value)
    {
        fields.RemoveAll(f => f.Key == name);
        fields.Add(new(name, value));
    }

    private async Task<(Guid AgencyId, HttpClient Client)> SeedAgencyOfficeAsync()
    {
        var agencyId = await app.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<Sipar.Modules.Organisation.AgencyAdministration>();
            var id = await admin.CreateAsync(new Sipar.Modules.Organisation.AgencyInput($"Sở LĐTBXH {Guid.NewGuid():N}"[..20], "SLĐTBXH", "Lạng Sơn", Sipar.Modules.Organisation.AgencyKind.Department), CancellationToken.None);
            var office = await admin.AddUnitAsync(id, new("Văn phòng Sở", "VP", Sipar.Modules.Organisation.UnitKind.Office, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Thanh tra Sở", "TTr", Sipar.Modules.Organisation.UnitKind.Inspectorate, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Phòng Kế hoạch – Tài chính", null, Sipar.Modules.Organisation.UnitKind.Division, null), CancellationToken.None);
            await admin.AddUnitAsync(id, new("Trường Cao đẳng nghề Lạng Sơn", null, Sipar.Modules.Organisation.UnitKind.Affiliated, null), CancellationToken.None);
            return (id, office);
        });
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId.id, agencyId.office));
        return (agencyId.id, client);
    }

    private async Task<HttpClient> OfficeClient()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        return await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId, unitId));
    }
}

public sealed class PlanImportTestsOnSqlite(SqliteFactory app) : PlanImportTests<SqliteFactory>(app);

public sealed class PlanImportTestsOnPostgres(PostgresFactory app) : PlanImportTests<PostgresFactory>(app);
