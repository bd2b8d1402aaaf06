using System.Net;
using System.Net.Http.Json;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class AuthorizationTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Theory]
    [InlineData("/admin/agencies")]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/audit")]
    [InlineData("/admin/calendar")]
    [InlineData("/admin/calendar/2026")]
    public async Task A_unit_officer_gets_403_on_admin_pages(string url)
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Không có quyền truy cập", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_officer_cannot_post_to_admin_pages_or_APIs()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId));

        var page = await SiparFactory.PostFormAsync(client, "/", new() { ["Input.Name"] = "Sở Mới", ["Input.Symbol"] = "SM", ["Input.PlaceName"] = "Lạng Sơn" }, "/admin/agencies");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var api = await client.PostAsJsonAsync("/api/agencies", new AgencyInput("Sở Mới", "SM", "Lạng Sơn", AgencyKind.Department));
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync("/api/calendar/2026/days/2026-01-01")).StatusCode);
        Assert.DoesNotContain(await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().ListAsync("Sở Mới", CancellationToken.None)), a => a.Name == "Sở Mới");
    }

    [Fact]
    public async Task A_unit_officer_sees_their_agency_but_gets_403_on_another_agencys_data()
    {
        var mine = await app.CreateAgencyAsync();
        var other = await app.CreateAgencyAsync("Sở Khác");
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.UnitOfficer, mine.AgencyId, mine.UnitId));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/agencies/{mine.AgencyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/agencies/{mine.AgencyId}/units")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/agencies/{other.AgencyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/agencies/{other.AgencyId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/agencies/{other.AgencyId}/units")).StatusCode);
        var list = await client.GetFromJsonAsync<List<AgencySummary>>("/api/agencies", SiparFactory.Json);
        Assert.Equal([mine.AgencyId], list!.Select(a => a.Id));
    }

    [Fact]
    public async Task An_appraiser_reads_every_agency_but_administers_nothing()
    {
        var agency = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Appraiser));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/agencies/{agency.AgencyId}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/admin/agencies")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_get_401_from_the_API_and_the_login_page_from_pages()
    {
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/agencies")).StatusCode);
        var page = await client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class AuthorizationTestsOnSqlite(SqliteFactory app) : AuthorizationTests<SqliteFactory>(app);

public sealed class AuthorizationTestsOnPostgres(PostgresFactory app) : AuthorizationTests<PostgresFactory>(app);
