using System.Net;
using System.Net.Http.Json;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>A copied login cookie stops working the moment its session should end.</summary>
public abstract class SessionTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task A_copied_cookie_stops_working_after_logout()
    {
        var user = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var (browser, copy) = await SignedInWithCopyAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await SiparFactory.PostFormAsync(browser, "/", [], "/account/logout")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/plans")).StatusCode);
    }

    [Fact]
    public async Task Locking_an_account_ends_its_sessions_at_once()
    {
        var user = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var (_, copy) = await SignedInWithCopyAsync(user);
        await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().SetLockedAsync(user.Id, true));
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_reset_ends_every_session()
    {
        var user = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var (browser, copy) = await SignedInWithCopyAsync(user);
        await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().ResetPasswordAsync(user.Id));
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var user = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var (browser, copy) = await SignedInWithCopyAsync(user);
        var other = await app.SignedInClientAsync(user);
        var changed = await SiparFactory.PostFormAsync(browser, "/account/password", new() { ["Current"] = user.Password, ["New"] = "Doi-Mat-Khau-2026x", ["Confirm"] = "Doi-Mat-Khau-2026x" });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_role_change_counts_from_the_next_request_without_signing_in_again()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var user = await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId);
        var client = await app.SignedInClientAsync(user);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);

        await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().UpdateAsync(
            user.Id, new UserInput(user.Email, user.FullName, agencyId, unitId, [Role.UnitOfficer, Role.Administrator]), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
        var me = await client.GetFromJsonAsync<MeResponse>("/api/me", SiparFactory.Json);
        Assert.Contains("Administrator", me!.Roles);

        await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().UpdateAsync(
            user.Id, new UserInput(user.Email, user.FullName, agencyId, unitId, [Role.UnitOfficer]), CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);
    }

    [Theory]
    [InlineData("Password12")]
    [InlineData("Matkhau2026")]
    [InlineData("Qwertyuiop1")]
    public async Task Common_passwords_are_refused_with_a_Vietnamese_message(string password)
    {
        var user = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var client = await app.SignedInClientAsync(user);
        var page = await SiparFactory.HtmlAsync(await SiparFactory.PostFormAsync(client, "/account/password", new() { ["Current"] = user.Password, ["New"] = password, ["Confirm"] = password }));
        Assert.Contains("Mật khẩu quá phổ biến", page.QuerySelector("[data-valmsg-for=New]")!.TextContent, StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<DomainValidationException>(() => app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().CreateAsync(
            new UserInput($"pw-{Guid.NewGuid():N}@test.sipar", "Người thử", null, null, [Role.Administrator]), CancellationToken.None, password)));
        Assert.Contains(refused.Errors, e => e.MessageKey == "Identity.Raw");
    }

    /// <summary>A signed-in client, and a second client that only has a copy of its login cookie (as a thief would).</summary>
    private async Task<(HttpClient Browser, HttpClient Copy)> SignedInWithCopyAsync(CreatedUser user)
    {
        var browser = app.NewClient();
        var login = await SiparFactory.PostFormAsync(browser, "/account/login", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sipar.auth=", StringComparison.Ordinal)).Split(';')[0];
        var copy = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return (browser, copy);
    }
}

public sealed class SessionTestsOnSqlite(SqliteFactory app) : SessionTests<SqliteFactory>(app);

public sealed class SessionTestsOnPostgres(PostgresFactory app) : SessionTests<PostgresFactory>(app);
