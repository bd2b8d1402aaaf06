using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Audit;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class AuditTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task Editing_an_agency_records_who_when_and_the_values_before_and_after()
    {
        var (agencyId, _, oldName) = await app.CreateAgencyAsync();
        var admin = await app.CreateUserAsync(Role.Administrator, name: "Quản trị Kiểm thử");
        var client = await app.SignedInClientAsync(admin);
        var newName = oldName + " (đổi tên)";

        var response = await SiparFactory.PostFormAsync(client, $"/admin/agencies/{agencyId}", new()
        {
            ["Input.Name"] = newName,
            ["Input.Symbol"] = "STN",
            ["Input.PlaceName"] = "Lạng Sơn",
            ["Input.Kind"] = "Department",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var entry = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<AuditEntry>()
            .Where(e => e.EntityType == "Agency" && e.EntityId == agencyId.ToString() && e.Action == AuditAction.Updated)
            .SingleAsync());
        Assert.Equal("Quản trị Kiểm thử", entry.ActorName);
        Assert.NotNull(entry.ActorId);
        Assert.Equal(app.UtcNow, entry.At);
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal(oldName, changes.RootElement.GetProperty("Name").GetProperty("before").GetString());
        Assert.Equal(newName, changes.RootElement.GetProperty("Name").GetProperty("after").GetString());
        Assert.False(changes.RootElement.TryGetProperty("Symbol", out _), "unchanged values are not listed");

        var page = await SiparFactory.HtmlAsync(await client.GetAsync($"/admin/audit?EntityType=Agency&EntityId={agencyId}"));
        var table = page.QuerySelector("[data-testid=audit-table]")!.TextContent;
        Assert.Contains(newName, table, StringComparison.Ordinal);
        Assert.Contains("Quản trị Kiểm thử", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trail_names_entities_fields_values_and_what_ids_point_to_in_vietnamese()
    {
        var (agencyId, unitId, agencyName) = await app.CreateAgencyAsync();
        var client = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var page = await SiparFactory.HtmlAsync(await client.GetAsync($"/admin/audit?EntityType=Unit&EntityId={unitId}"));
        var table = page.QuerySelector("[data-testid=audit-table]")!.TextContent;

        Assert.Contains("Đơn vị", table, StringComparison.Ordinal);
        Assert.Contains("Cơ quan: ∅ → " + agencyName, table, StringComparison.Ordinal);
        Assert.Contains("Loại: ∅ → Văn phòng", table, StringComparison.Ordinal);
        Assert.Contains("Văn phòng Sở", table, StringComparison.Ordinal);
        Assert.DoesNotContain("AgencyId", table, StringComparison.Ordinal);
        Assert.DoesNotContain(agencyId.ToString(), table, StringComparison.Ordinal);
        Assert.DoesNotContain("Office", table, StringComparison.Ordinal);
        Assert.Contains(page.QuerySelectorAll("#EntityType option"), o => o.GetAttribute("value") == "Unit" && o.TextContent == "Đơn vị");
    }

    [Fact]
    public async Task Passwords_never_reach_the_audit_trail()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var rows = await app.WithServicesAsync(sp => sp.GetRequiredService<SiparDbContext>().Set<AuditEntry>()
            .Where(e => e.EntityType == "User").Select(e => e.Changes).ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.DoesNotContain("AQAAAA", r, StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("\"PasswordHash\":{\"before\":null,\"after\":\"***\"}", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains(user.Email, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_by_the_app_or_in_the_database()
    {
        await app.CreateAgencyAsync();
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var entry = await db.Set<AuditEntry>().OrderBy(e => e.Id).FirstAsync();
            db.Remove(entry);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await app.WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var before = await db.Set<AuditEntry>().CountAsync();
            await Assert.ThrowsAnyAsync<Exception>(() => db.Set<AuditEntry>().ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => db.Set<AuditEntry>().ExecuteUpdateAsync(s => s.SetProperty(e => e.ActorName, "x")));
            Assert.Equal(before, await db.Set<AuditEntry>().CountAsync());
            Assert.False(await db.Set<AuditEntry>().AnyAsync(e => e.ActorName == "x"));
        });
    }
}

public sealed class AuditTestsOnSqlite(SqliteFactory app) : AuditTests<SqliteFactory>(app);

public sealed class AuditTestsOnPostgres(PostgresFactory app) : AuditTests<PostgresFactory>(app);
