using System.Net;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class OperationsTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task Health_endpoints_answer_alive_and_ready()
    {
        var client = app.NewClient();
        var alive = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_API()
    {
        var json = await app.NewClient().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/calendar/due", json, StringComparison.Ordinal);
        Assert.Contains("/api/agencies/{id}/units", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_protection_keys_live_in_the_database_so_instances_share_logins()
    {
        await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var keys = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().DataProtectionKeys.CountAsync());
        Assert.True(keys >= 1);
    }

    [Fact]
    public async Task No_demo_data_is_created_when_demo_is_off()
    {
        var demo = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<Agency>().AnyAsync(a => a.Symbol == "SLĐTBXH"));
        Assert.False(demo);
        Assert.False(File.Exists(Path.Combine(app.DataDirectory, "demo-logins.txt")));
    }
}

public sealed class OperationsTestsOnSqlite(SqliteFactory app) : OperationsTests<SqliteFactory>(app);

public sealed class OperationsTestsOnPostgres(PostgresFactory app) : OperationsTests<PostgresFactory>(app);

/// <summary>A factory with <c>Sipar:Demo</c> on, as <c>dotnet run</c> has in Development.</summary>
public sealed class DemoFactory : SiparFactory
{
    public override Sipar.Infrastructure.Data.DatabaseProvider Provider => Sipar.Infrastructure.Data.DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "sipar.db")}";

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sipar:Demo", "true");
    }
}

public sealed class DemoTests(DemoFactory app) : IClassFixture<DemoFactory>
{
    [Fact]
    public async Task The_demo_province_has_the_seed_agency_its_units_and_one_login_per_role()
    {
        _ = app.Services;
        var agencies = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().ListAsync(null, CancellationToken.None));
        var sld = agencies.Single(a => a.Symbol == "SLĐTBXH");
        Assert.Equal("Sở Lao động – Thương binh và Xã hội tỉnh Lạng Sơn", sld.Name);
        Assert.Contains(agencies, a => a.Kind == AgencyKind.AppraisingBody && a.Name.Contains("Sở Nội vụ", StringComparison.Ordinal));
        Assert.True(agencies.Count(a => a.Kind == AgencyKind.Department) >= 2);
        var units = await app.WithServicesAsync(sp => sp.GetRequiredService<AgencyAdministration>().UnitTreeAsync(sld.Id, CancellationToken.None));
        foreach (var unit in new[] { "Văn phòng Sở", "Thanh tra Sở", "Phòng Kế hoạch – Tài chính", "Trường Cao đẳng nghề Lạng Sơn" })
        {
            Assert.Contains(units, u => u.Name == unit);
        }

        var plans = await app.WithServicesAsync(sp => sp.GetRequiredService<Sipar.Infrastructure.Data.SiparDbContext>().Set<Sipar.Modules.Plans.Plan>()
            .Where(p => p.AgencyId == sld.Id).Select(p => new { p.Status, Tasks = p.Sections.SelectMany(s => s.Tasks).Count(), Led = p.Sections.Count(s => s.LeadUnitId != null || s.LeadIsAllUnits) }).ToListAsync());
        var plan = Assert.Single(plans);
        Assert.Equal(Sipar.Modules.Plans.PlanStatus.Issued, plan.Status);
        Assert.Equal(29, plan.Tasks);
        Assert.Equal(6, plan.Led);

        var logins = await File.ReadAllTextAsync(Path.Combine(app.DataDirectory, "demo-logins.txt"));
        var password = logins.Split("shared password: ")[1].Split(')')[0];
        Assert.Contains("Cán bộ Một cửa (DeskOfficer):", logins, StringComparison.Ordinal);
        var users = await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().ListAsync(null, null, CancellationToken.None));
        foreach (var role in Enum.GetValues<Role>())
        {
            var user = users.First(u => u.Roles.Contains(role));
            Assert.Contains(user.Email, logins, StringComparison.Ordinal);
            var client = await app.SignedInClientAsync(new(user.Id, user.Email, user.FullName, password));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // The one-stop desk has something to show: published procedures with their process, and dossiers in three states.
        var dossiers = await app.WithServicesAsync(sp => sp.GetRequiredService<Sipar.Infrastructure.Data.SiparDbContext>().Set<Sipar.Modules.Dossiers.Dossier>()
            .Where(d => d.AgencyId == sld.Id).Select(d => d.Status).ToListAsync());
        Assert.Equal([Sipar.Modules.Dossiers.DossierStatus.AwaitingSupplement, Sipar.Modules.Dossiers.DossierStatus.Processing, Sipar.Modules.Dossiers.DossierStatus.Returned], dossiers.Order());
        var catalogue = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync("/thu-tuc"));
        Assert.Equal(3, catalogue.QuerySelectorAll("[data-testid=procedures] li").Length);
        var permit = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync(catalogue.QuerySelector("[data-testid=procedures] a[href^='/thu-tuc/']")!.GetAttribute("href")));
        Assert.Equal("Tại Bộ phận Một cửa; qua bưu chính", permit.QuerySelector("[data-testid=delivery]")!.TextContent.Trim());
        Assert.Equal(3, permit.QuerySelectorAll("[data-testid=steps] tbody tr").Length);

        // SIPAS has a published wave: the survey page lists it and its results have enough responses to show.
        var survey = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync("/khao-sat"));
        var link = survey.QuerySelector("[data-testid=published] a")!.GetAttribute("href")!;
        var results = await SiparFactory.HtmlAsync(await app.NewClient().GetAsync(link));
        Assert.EndsWith("%", results.QuerySelector("[data-testid=public-overall]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(5, results.QuerySelectorAll("[data-testid=public-factors] meter").Length);
    }
}
