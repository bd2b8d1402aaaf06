using Microsoft.Playwright;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.BrowserTests;

/// <summary>An appraiser loads a past year from the province's published table in the browser (tests/fixtures/par-results).</summary>
public sealed class ParPublishedYearJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "par-results");

    [Fact]
    public async Task The_year_classes_and_the_published_table_give_the_published_index_class_and_own_maximum()
    {
        await fixture.App.WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            foreach (var (name, symbol) in new[] { ("UBND huyện Vị Xuyên", "UBNDVX"), ("UBND huyện Bắc Mê", "UBNDBM") })
            {
                await admin.CreateAsync(new AgencyInput(name, symbol, "Hà Giang", AgencyKind.DistrictCommittee), CancellationToken.None);
            }

            var db = sp.GetRequiredService<SiparDbContext>();
            var file = FrameworkReader.Read("f.json", await File.ReadAllBytesAsync(Path.Combine(Folder, "framework-district-2023.json")));
            db.Add(Framework.FromFile(file, 2023, AgencyKind.DistrictCommittee, null, fixture.App.UtcNow));
            await db.SaveChangesAsync();
        });
        var table = Path.Combine(Path.GetTempPath(), $"ket-qua-2023-{Guid.NewGuid():N}.csv");
        var lines = (await File.ReadAllLinesAsync(Path.Combine(Folder, "results-2023.csv"))).Where(l => !l.StartsWith("Sở ", StringComparison.Ordinal));
        await File.WriteAllLinesAsync(table, lines);

        var page = await fixture.SignInAsync(await fixture.App.CreateUserAsync(Role.Appraiser, name: "Lê Thu Trang"), width: 390);
        await page.GotoAsync(fixture.BaseUrl + "/par/results/import?year=2023");

        // A band that repeats a minimum is said beside the field, as typed; then the province's classes.
        await page.GetByLabel("Xếp loại").FillAsync("90=Tốt;90=Khá");
        await page.GetByTestId("year-settings").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("bands-error")).ToContainTextAsync("Xếp loại không hợp lệ");
        await Assertions.Expect(page.GetByLabel("Xếp loại")).ToHaveValueAsync("90=Tốt;90=Khá");
        await page.GetByLabel("Xếp loại").FillAsync("90=Tốt;80=Khá;65=Trung bình;0=Yếu");
        await page.GetByTestId("year-settings").GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Xếp loại")).ToHaveValueAsync("90=Tốt;80=Khá;65=Trung bình;0=Yếu");

        // The table: a preview with each agency's index and class, then the import.
        await page.Locator("#upload").SetInputFilesAsync(table);
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem trước" }).ClickAsync();
        var preview = page.GetByTestId("results-preview");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "UBND huyện Vị Xuyên" })).ToContainTextAsync("68,32/84");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "UBND huyện Vị Xuyên" })).ToContainTextAsync("81,33%");
        await Assertions.Expect(preview.Locator("tr", new() { HasText = "UBND huyện Bắc Mê" })).ToContainTextAsync("Không điều tra XHH");
        await page.GetByTestId("import-results").ClickAsync();

        // The ranking of the district committees, then the agency's page with its own maximum and the criteria marked KAD.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/par/results/2023$"));
        var row = page.GetByTestId("ranking").Locator("tr", new() { HasText = "UBND huyện Vị Xuyên" });
        await Assertions.Expect(row).ToContainTextAsync("Khá");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "UBND huyện, thị xã, thành phố (cấp huyện)" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("scaled-note")).ToBeVisibleAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "UBND huyện Vị Xuyên" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("headline")).ToContainTextAsync("81,33");
        await Assertions.Expect(page.GetByTestId("own-maximum")).ToContainTextAsync("Điểm tối đa riêng: 84");
        await page.Locator("summary", new() { HasText = "Chi tiết từng lĩnh vực" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("all-criteria").Locator("tr", new() { HasText = "Rà soát, hệ thống hóa" })).ToContainTextAsync("KAD");
        await fixture.AssertCleanAsync();
    }
}
