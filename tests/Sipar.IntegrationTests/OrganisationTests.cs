using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class OrganisationTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task The_API_refuses_an_incomplete_agency_with_Vietnamese_messages_per_field()
    {
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var response = await client.PostAsJsonAsync("/api/agencies", new AgencyInput("", "SỞ/X", "Lạng Sơn", AgencyKind.Department));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json);
        Assert.Equal("Vui lòng nhập tên cơ quan.", problem!.Errors["Name"].Single());
        Assert.Equal("Ký hiệu viết liền, không có dấu cách hay dấu /.", problem.Errors["Symbol"].Single());
    }

    [Fact]
    public async Task Kinds_are_data_an_agency_takes_a_kind_added_to_the_table_and_an_unknown_kind_is_refused_beside_the_field()
    {
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var refused = await client.PostAsJsonAsync("/api/agencies", new AgencyInput($"Ban Quản lý {Guid.NewGuid():N}"[..24], "BQL", "Hà Giang", new AgencyKind("EconomicZoneBoard")));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>(SiparFactory.Json);
        Assert.StartsWith("Không có loại cơ quan \"EconomicZoneBoard\"", problem!.Errors["Kind"].Single(), StringComparison.Ordinal);

        var added = await app.RunCliAsync("agencies", "kinds", "--add", "EconomicZoneBoard", "--name", "Ban quản lý khu kinh tế", "--order", "40");
        Assert.True(added.Code == 0, added.Error);
        var badCode = await app.RunCliAsync("agencies", "kinds", "--add", "Khu kinh tế", "--name", "Khu");
        Assert.Equal(2, badCode.Code);
        Assert.Contains("Mã loại cơ quan \"Khu kinh tế\" không hợp lệ", badCode.Error, StringComparison.Ordinal);

        var name = $"Ban Quản lý {Guid.NewGuid():N}"[..24];
        var created = await SiparFactory.PostFormAsync(client, "/admin/agencies", new()
        {
            ["Input.Name"] = name, ["Input.Symbol"] = "BQL", ["Input.PlaceName"] = "Hà Giang", ["Input.Kind"] = "EconomicZoneBoard",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await SiparFactory.HtmlAsync(await client.GetAsync(created.Headers.Location!.OriginalString));
        Assert.Equal("EconomicZoneBoard", page.QuerySelector("#Input_Kind option[selected]")!.GetAttribute("value"));
        Assert.Contains("UBND huyện, thị xã, thành phố (cấp huyện) (đến 30/06/2025)", page.QuerySelector("#Input_Kind")!.TextContent, StringComparison.Ordinal);
        var list = await SiparFactory.HtmlAsync(await client.GetAsync("/admin/agencies?q=" + Uri.EscapeDataString(name)));
        Assert.Contains("Ban quản lý khu kinh tế", list.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_an_agency_and_a_unit_tree_through_the_pages()
    {
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var name = $"Sở Tư pháp {Guid.NewGuid():N}"[..24];
        var created = await SiparFactory.PostFormAsync(client, "/admin/agencies", new()
        {
            ["Input.Name"] = name, ["Input.Symbol"] = "STP", ["Input.PlaceName"] = "Lạng Sơn", ["Input.Kind"] = "Department",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var agencyUrl = created.Headers.Location!.OriginalString;

        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(client, agencyUrl, new()
        {
            ["NewUnit.Name"] = "Văn phòng Sở", ["NewUnit.Kind"] = "Office", ["NewUnit.SortOrder"] = "1",
        }, agencyUrl + "?handler=AddUnit")).StatusCode);

        // The same name again (other case, no diacritics) is refused next to the field; nothing else is lost.
        var duplicate = await SiparFactory.PostFormAsync(client, agencyUrl, new()
        {
            ["NewUnit.Name"] = "VAN PHONG SO", ["NewUnit.ShortName"] = "VP2", ["NewUnit.Kind"] = "Office",
        }, agencyUrl + "?handler=AddUnit");
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var page = await SiparFactory.HtmlAsync(duplicate);
        Assert.Equal("Cơ quan đã có phòng, đơn vị cùng tên.", page.QuerySelector("[data-valmsg-for='NewUnit.Name']")!.TextContent.Trim());
        Assert.Equal("VP2", page.QuerySelector("#NewUnit_ShortName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_unit_with_people_cannot_be_deleted_and_the_page_says_why()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId);
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var url = $"/admin/agencies/{agencyId}";
        var response = await SiparFactory.PostFormAsync(client, url, [], $"{url}?handler=DeleteUnit&unitId={unitId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SiparFactory.HtmlAsync(response);
        Assert.Equal("Không thể xóa \"Văn phòng Sở\": còn cán bộ thuộc đơn vị.", page.QuerySelector("[data-testid=page-errors]")!.TextContent.Trim());
        Assert.Equal(1, await UnitCount(agencyId));
    }

    [Fact]
    public async Task Importing_units_shows_a_preview_with_row_numbered_errors_and_saves_nothing()
    {
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var csv = "Tên đơn vị;Tên viết tắt;Loại;Đơn vị cấp trên;Thứ tự\n"
                  + "Thanh tra Sở;TTr;Thanh tra;;2\n"
                  + ";;Phòng chuyên môn;;3\n"
                  + "Phòng Kế hoạch – Tài chính;Phòng KH-TC;Phòng ban lạ;;x\n"
                  + "Bộ phận Một cửa;;Một cửa;Văn phòng Không Có;5\n";

        var preview = await Upload(client, agencyId, csv, "donvi.csv", "text/csv");
        var html = await SiparFactory.HtmlAsync(preview);
        Assert.Contains("3 dòng lỗi", html.QuerySelector("[data-testid=import-errors]")!.TextContent, StringComparison.Ordinal);
        var rows = html.QuerySelectorAll("[data-testid=import-preview] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Contains("Thêm mới", rows[0], StringComparison.Ordinal);
        Assert.StartsWith("3", rows[1].Trim(), StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập tên phòng, đơn vị.", rows[1], StringComparison.Ordinal);
        Assert.Contains("Loại \"Phòng ban lạ\" không hợp lệ.", rows[2], StringComparison.Ordinal);
        Assert.Contains("\"x\" không phải là số.", rows[2], StringComparison.Ordinal);
        Assert.Contains("Không tìm thấy đơn vị cấp trên \"Văn phòng Không Có\"", rows[3], StringComparison.Ordinal);
        Assert.Null(html.QuerySelector("form[action*=Apply]"));
        Assert.Equal(1, await UnitCount(agencyId));
    }

    [Fact]
    public async Task Importing_a_clean_file_previews_then_applies_in_one_step()
    {
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var csv = "ten don vi,ten viet tat,loai,don vi cap tren\n"
                  + "Thanh tra Sở,TTr,Thanh tra,\n"
                  + "Bộ phận Một cửa,,Một cửa,VĂN PHÒNG SỞ\n"
                  + "Văn phòng Sở,VP-SỞ,Văn phòng,\n";
        var html = await SiparFactory.HtmlAsync(await Upload(client, agencyId, csv, "units.csv", "text/csv"));
        var actions = html.QuerySelectorAll("[data-testid=import-preview] tbody tr td:nth-child(6)").Select(c => c.TextContent).ToList();
        Assert.Equal(["Thêm mới", "Thêm mới", "Cập nhật"], actions);
        Assert.Equal(1, await UnitCount(agencyId));

        var content = html.QuerySelector("input[name=content]")!.GetAttribute("value")!;
        var apply = await SiparFactory.PostFormAsync(client, $"/admin/agencies/{agencyId}/import", new() { ["content"] = content }, $"/admin/agencies/{agencyId}/import?handler=Apply");
        Assert.Equal(HttpStatusCode.Redirect, apply.StatusCode);
        var tree = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().UnitTreeAsync(agencyId, CancellationToken.None));
        Assert.Equal(3, tree.Count);
        var desk = tree.Single(u => u.Name == "Bộ phận Một cửa");
        Assert.Equal(tree.Single(u => u.Name == "Văn phòng Sở").Id, desk.ParentId);
        Assert.Equal("VP-SỞ", tree.Single(u => u.Name == "Văn phòng Sở").ShortName);
    }

    [Theory]
    [InlineData("anh.png", "image/png", "\u0089PNG\r\n")]
    [InlineData("donvi.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "PK\u0003\u0004")]
    [InlineData("rong.csv", "text/csv", "")]
    public async Task Files_that_are_not_CSV_get_a_clear_message_and_nothing_is_saved(string name, string type, string content)
    {
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var html = await SiparFactory.HtmlAsync(await Upload(client, agencyId, content, name, type));
        var message = html.QuerySelector("[data-testid=upload-error]")!.TextContent;
        Assert.True(message.Contains("không phải CSV", StringComparison.Ordinal) || message.Contains("tệp rỗng", StringComparison.Ordinal), message);
        Assert.Equal(1, await UnitCount(agencyId));
    }

    [Fact]
    public async Task The_import_API_takes_a_CSV_body_and_previews_unless_asked_to_apply()
    {
        var (agencyId, _, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var body = new StringContent("Tên đơn vị\nPhòng Người có công\n", Encoding.UTF8, "text/csv");
        var preview = await client.PostAsync($"/api/agencies/{agencyId}/units/import", body);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal(1, await UnitCount(agencyId));
        var apply = await client.PostAsync($"/api/agencies/{agencyId}/units/import?apply=true", new StringContent("Tên đơn vị\nPhòng Người có công\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.Equal(2, await UnitCount(agencyId));
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, Guid agencyId, string content, string fileName, string contentType)
    {
        var pageUrl = $"/admin/agencies/{agencyId}/import";
        var token = await SiparFactory.AntiforgeryTokenAsync(client, pageUrl);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "upload", fileName);
        form.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.PostAsync(pageUrl + "?handler=Preview", form);
    }

    private Task<int> UnitCount(Guid agencyId) =>
        app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Unit>().CountAsync(u => u.AgencyId == agencyId));
}

public sealed class OrganisationTestsOnSqlite(SqliteFactory app) : OrganisationTests<SqliteFactory>(app);

public sealed class OrganisationTestsOnPostgres(PostgresFactory app) : OrganisationTests<PostgresFactory>(app);
