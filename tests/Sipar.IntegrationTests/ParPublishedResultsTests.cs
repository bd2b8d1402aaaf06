using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// Loading a past year from a published table (tests/fixtures/par-results), step by step as the README says, through
/// the CLI: the kinds (the district level historical), the agencies, the frameworks per kind, the year's classes, the
/// table with criteria that do not apply, an own maximum, a year without a survey and the published totals.
/// </summary>
public abstract class ParPublishedResultsTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "par-results");

    private Task<(int Code, string Out, string Error)> Sipar(params string[] args) => app.RunCliAsync(args);

    private static string Fixture(string name) => Path.Combine(Folder, name);

    private async Task<string> DemoFrameworkFileAsync(string name, Func<string, string>? change = null)
    {
        var path = Path.Combine(app.DataDirectory, name);
        var json = Encoding.UTF8.GetString(ParIndexModule.DemoFramework());
        await File.WriteAllTextAsync(path, change is null ? json : change(json));
        return path;
    }

    [Fact]
    public async Task A_published_year_loads_step_by_step_and_gives_the_published_indices_and_classes()
    {
        // 1. Kinds: the district level is a kind of its own, kept as historical after the 2025 reorganisation.
        var kinds = await Sipar("agencies", "kinds");
        Assert.True(kinds.Code == 0, kinds.Error);
        Assert.Contains("DistrictCommittee\tUBND huyện, thị xã, thành phố (cấp huyện) (đến 30/06/2025)", kinds.Out, StringComparison.Ordinal);

        // 2. Agencies from a table: a dry run saves nothing; the import creates them; again, nothing changes.
        var dry = await Sipar("agencies", "import", Fixture("agencies.csv"), "--dry-run");
        Assert.True(dry.Code == 0, dry.Error);
        Assert.Contains("Thêm 3, sửa 0, giữ nguyên 0, lỗi 0.", dry.Out, StringComparison.Ordinal);
        Assert.Contains("Chạy thử: chưa lưu gì.", dry.Out, StringComparison.Ordinal);
        Assert.False(await AgencyExistsAsync("UBND huyện Vị Xuyên"));
        var agencies = await Sipar("agencies", "import", Fixture("agencies.csv"));
        Assert.True(agencies.Code == 0, agencies.Error);
        var again = await Sipar("agencies", "import", Fixture("agencies.csv"));
        Assert.Contains("Thêm 0, sửa 0, giữ nguyên 3, lỗi 0.", again.Out, StringComparison.Ordinal);
        var listed = await Sipar("agencies", "list");
        Assert.Contains("UBNDBM\tUBND huyện Bắc Mê\tUBND huyện, thị xã, thành phố (cấp huyện)", listed.Out, StringComparison.Ordinal);

        var badAgencies = Path.Combine(app.DataDirectory, "co-quan-loi.csv");
        await File.WriteAllLinesAsync(badAgencies, ["Tên cơ quan;Ký hiệu;Địa danh;Loại", "UBND thị xã Không Có;TX/KC;Hà Giang;Cấp tỉnh mới"]);
        var refusedAgencies = await Sipar("agencies", "import", badAgencies);
        Assert.Equal(2, refusedAgencies.Code);
        Assert.Contains("Dòng 2: Không có loại cơ quan \"Cấp tỉnh mới\"", refusedAgencies.Error, StringComparison.Ordinal);
        Assert.False(await AgencyExistsAsync("UBND thị xã Không Có"));

        // 3. Frameworks per kind: the district one for 2023; none for a year after the district level ended.
        var district = await Sipar("par", "import-framework", Fixture("framework-district-2023.json"), "--kind", "DistrictCommittee");
        Assert.True(district.Code == 0, district.Error);
        Assert.Contains("năm 2023 cho loại DistrictCommittee", district.Out, StringComparison.Ordinal);
        var ended = await Sipar("par", "import-framework", Fixture("framework-district-2023.json"), "--kind", "DistrictCommittee", "--year", "2026", "--name", "Bộ cấp huyện 2026");
        Assert.Equal(2, ended.Code);
        Assert.Contains("chỉ còn đến 30/06/2025: không thể có bộ chỉ số năm 2026", ended.Error, StringComparison.Ordinal);
        var department = await Sipar("par", "import-framework", await DemoFrameworkFileAsync("so-2023.json"), "--year", "2023");
        Assert.True(department.Code == 0, department.Error);

        // 4. The year's classes, as the province published them, without a campaign.
        var badBands = await Sipar("par", "year", "--year", "2023", "--bands", "90=Tốt;Khá");
        Assert.Equal(2, badBands.Code);
        Assert.Contains("Xếp loại không hợp lệ", badBands.Error, StringComparison.Ordinal);
        var year = await Sipar("par", "year", "--year", "2023", "--bands", "90=Tốt;80=Khá;65=Trung bình;0=Yếu");
        Assert.True(year.Code == 0, year.Error);

        // 5. The table: every mistake by row, nothing saved.
        var refused = await Sipar("par", "import-results", Fixture("results-2023-errors.csv"), "--year", "2023");
        Assert.Equal(2, refused.Code);
        Assert.Contains("Dòng 2: Điểm tối đa 86 của UBND huyện Vị Xuyên không khớp: bộ chỉ số trừ các tiêu chí không áp dụng (2.2, 4) còn 84.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 3: Tiêu chí 1.1 của UBND huyện Vị Xuyên đã có ở dòng 2.", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 4: \"chắc có\" ở cột Điều tra XHH", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Dòng 6: Tổng điểm đã công bố của UBND huyện Vị Xuyên là 70 nhưng các điểm cộng lại được 5.5.", refused.Error, StringComparison.Ordinal);

        // A dry run shows what each agency will get, and saves nothing.
        var preview = await Sipar("par", "import-results", Fixture("results-2023.csv"), "--year", "2023", "--dry-run");
        Assert.True(preview.Code == 0, preview.Error);
        Assert.Contains("UBND huyện Vị Xuyên — 68.32/84 = 81.33% (Khá), 2 tiêu chí không áp dụng", preview.Out, StringComparison.Ordinal);
        Assert.Contains("UBND huyện Bắc Mê — 60/100 = 85.71% (Khá), không điều tra XHH: quy về thang 100", preview.Out, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParResult>().CountAsync(r => r.Year == 2023)));

        var imported = await Sipar("par", "import-results", Fixture("results-2023.csv"), "--year", "2023");
        Assert.True(imported.Code == 0, imported.Error);
        Assert.Contains("Đã nhập 21 điểm tiêu chí của 3 cơ quan năm 2023.", imported.Out, StringComparison.Ordinal);

        // 6. The results are those published: own maximum, scaling without a survey, the province's classes, ranks per kind.
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Fixture("expected.json"))).RootElement;
        var results = await ResultsAsync(2023);
        foreach (var e in expected.GetProperty("agencies").EnumerateArray())
        {
            var r = results.Single(x => x.Agency == e.GetProperty("name").GetString());
            Assert.Equal(
                (e.GetProperty("total").GetDecimal(), e.GetProperty("max").GetDecimal(), e.GetProperty("index").GetDecimal(), e.GetProperty("class").GetString()),
                (r.Total, r.Max, r.Index, r.Class));
        }

        Assert.Equal(2, results.Single(r => r.Agency == "UBND huyện Vị Xuyên").Rank);
        Assert.Equal(1, results.Single(r => r.Agency == "UBND huyện Bắc Mê").Rank);
        Assert.Equal(1, results.Single(r => r.Agency == "Sở Tư pháp tỉnh Hà Giang").Rank);

        // The area that does not apply has no maximum; the one that does keeps its own.
        var viXuyen = results.Single(r => r.Agency == "UBND huyện Vị Xuyên");
        Assert.Equal((0m, 0m), (viXuyen.Areas.Single(a => a.Code == "4").Points, viXuyen.Areas.Single(a => a.Code == "4").Max));
        Assert.Equal((6.5m, 8m), (viXuyen.Areas.Single(a => a.Code == "2").Points, viXuyen.Areas.Single(a => a.Code == "2").Max));

        // Importing the same table again changes nothing.
        var twice = await Sipar("par", "import-results", Fixture("results-2023.csv"), "--year", "2023");
        Assert.True(twice.Code == 0, twice.Error);
        Assert.Equal(21, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParResult>().CountAsync(r => r.Year == 2023)));
        Assert.Equal(results.Select(r => (r.Agency, r.Index, r.Class)), (await ResultsAsync(2023)).Select(r => (r.Agency, r.Index, r.Class)));
    }

    [Fact]
    public async Task The_import_checks_rows_against_the_framework_the_results_are_computed_with()
    {
        var (_, _, name) = await app.CreateAgencyAsync("Sở Khung Mới");

        // Two frameworks of the same year and kind: the newer one (which the results use) moves a point from 1.1.2 to 1.1.1.
        var older = await Sipar("par", "import-framework", await DemoFrameworkFileAsync("cu.json"), "--year", "2021", "--name", "Bộ chỉ số 2021 (bản đầu)");
        Assert.True(older.Code == 0, older.Error);
        var newer = await Sipar("par", "import-framework", await DemoFrameworkFileAsync("moi.json", SwapFirstTwoMaxima), "--year", "2021", "--name", "Bộ chỉ số 2021 (bản sửa)");
        Assert.True(newer.Code == 0, newer.Error);

        var table = Path.Combine(app.DataDirectory, "ket-qua-2021.csv");
        await File.WriteAllLinesAsync(table, ["Cơ quan;Mã tiêu chí;Điểm", $"{name};1.1.1;2", $"{name};1.1.2;1"]);
        var imported = await Sipar("par", "import-results", table, "--year", "2021");
        Assert.True(imported.Code == 0, imported.Error);
        var result = (await ResultsAsync(2021)).Single(r => r.Agency == name);
        Assert.Equal(3m, result.Areas.Single(a => a.Code == "1").Points);
    }

    [Fact]
    public async Task The_web_page_sets_the_years_classes_and_imports_a_table_for_those_who_manage_the_par_index_only()
    {
        var (agencyId, _, name) = await app.CreateAgencyAsync("Sở Trang Nhập");
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            if (!await db.Set<Framework>().AnyAsync(f => f.Year == 2019))
            {
                db.Add(Framework.FromFile(FrameworkReader.Read("d.json", ParIndexModule.DemoFramework()), 2019, AgencyKind.Department, null, app.UtcNow));
                await db.SaveChangesAsync();
            }
        });

        var officer = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Office, agencyId));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/par/results/import?year=2019")).StatusCode);
        var api = await officer.PostAsync("/api/par/results/2019/import?fileName=k.csv&apply=true", SiparFactory.Body(Encoding.UTF8.GetBytes($"Cơ quan;Mã tiêu chí;Điểm\n{name};1;5\n"), "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);

        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        const string page = "/par/results/import?year=2019";
        var bad = await SiparFactory.PostFormAsync(admin, page, new() { ["Bands"] = "90=Tốt;90=Khá", ["SurveyHeld"] = "true" }, "/par/results/import?year=2019&handler=Year");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await SiparFactory.HtmlAsync(bad);
        Assert.Contains("Xếp loại không hợp lệ", badPage.QuerySelector("[data-testid=bands-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("90=Tốt;90=Khá", badPage.QuerySelector("#Bands")!.GetAttribute("value"));
        var saved = await SiparFactory.PostFormAsync(admin, page, new() { ["Bands"] = "90=Tốt;80=Khá;65=Trung bình;0=Yếu", ["SurveyHeld"] = "true" }, "/par/results/import?year=2019&handler=Year");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // Preview: the agency's index and the province's class, nothing saved; then the import.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(await SiparFactory.AntiforgeryTokenAsync(admin, page)), "__RequestVerificationToken" },
            { SiparFactory.Body(Encoding.UTF8.GetBytes($"Cơ quan;Mã tiêu chí;Điểm\n{name};1;10\n{name};2;8\n{name};3;14,5\n{name};4;11\n{name};5;16\n{name};6;7\n{name};7;16\n{name};8;KAD\n"), "text/csv"), "upload", "ket-qua.csv" },
        };
        var previewed = await admin.PostAsync("/par/results/import?year=2019&handler=Preview", form);
        var preview = await SiparFactory.HtmlAsync(previewed);
        Assert.Equal("90=Tốt;80=Khá;65=Trung bình;0=Yếu", preview.QuerySelector("#Bands")!.GetAttribute("value"));   // the saved classes stay in their form
        var row = preview.QuerySelectorAll("[data-testid=results-preview] tbody tr").Single(r => r.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Contains("82,5/84,5", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("97,63%", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tốt", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<ParResult>().CountAsync(r => r.Year == 2019 && r.AgencyId == agencyId)));

        var fields = new Dictionary<string, string>
        {
            ["content"] = preview.QuerySelector("input[name=content]")!.GetAttribute("value")!,
            ["fileName"] = "ket-qua.csv",
        };
        var done = await SiparFactory.PostFormAsync(admin, page, fields, "/par/results/import?year=2019&handler=Import");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        var card = await SiparFactory.HtmlAsync(await admin.GetAsync($"/par/results/2019/agencies/{agencyId}"));
        Assert.Contains("Điểm tối đa riêng: 84,5", card.QuerySelector("[data-testid=own-maximum]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("KAD", card.QuerySelectorAll("[data-testid=all-criteria] tr").First(r => r.QuerySelector("td")?.TextContent == "8")!.TextContent, StringComparison.Ordinal);
    }

    private static string SwapFirstTwoMaxima(string json)
    {
        // 1.1.1 (1 point) and 1.1.2 (2 points) trade their maxima: 1.1 still totals 3.
        var first = json.IndexOf("\"code\": \"1.1.1\"", StringComparison.Ordinal);
        var a = json.IndexOf("\"maxPoints\": 1,", first, StringComparison.Ordinal);
        var changed = json[..a] + "\"maxPoints\": 2," + json[(a + "\"maxPoints\": 1,".Length)..];
        var b = changed.IndexOf("\"maxPoints\": 2,", changed.IndexOf("\"code\": \"1.1.2\"", StringComparison.Ordinal), StringComparison.Ordinal);
        return changed[..b] + "\"maxPoints\": 1," + changed[(b + "\"maxPoints\": 2,".Length)..];
    }

    private async Task<bool> AgencyExistsAsync(string name) =>
        (await app.WithServicesAsync(sp => sp.GetRequiredService<IAgencies>().ListAsync(CancellationToken.None))).Any(a => a.Name == name);

    private async Task<List<AgencyResult>> ResultsAsync(int year)
    {
        var (code, output, error) = await Sipar("par", "results", "--year", year.ToString(CultureInfo.InvariantCulture), "--json");
        Assert.True(code == 0, error);
        return JsonSerializer.Deserialize<List<AgencyResult>>(output, CliContext.Json)!;
    }
}

public sealed class ParPublishedResultsTestsOnSqlite(SqliteFactory app) : ParPublishedResultsTests<SqliteFactory>(app);

public sealed class ParPublishedResultsTestsOnPostgres(PostgresFactory app) : ParPublishedResultsTests<PostgresFactory>(app);
