using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Sipar.Modules.Accounts;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// Login and anonymous requests under the product's own limits. Client addresses come from X-Forwarded-For, which
/// the app trusts from the test server as it does from a reverse proxy on loopback.
/// </summary>
public sealed class LoginAbuseTests(ProductLimitsSqliteFactory app) : IClassFixture<ProductLimitsSqliteFactory>
{
    [Fact]
    public async Task Three_hundred_attempts_in_a_burst_from_one_address_are_mostly_refused_with_429()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var client = From("203.0.113.1");
        var token = await SiparFactory.AntiforgeryTokenAsync(client, "/account/login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = user.Email, ["Password"] = "Wrong-password-" + i, ["__RequestVerificationToken"] = token,
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.True(statuses.Count(s => s == HttpStatusCode.OK) <= 10, $"{statuses.Count(s => s == HttpStatusCode.OK)} attempts were checked");
        Assert.True(statuses.Count(s => s == HttpStatusCode.TooManyRequests) >= 290);
        var last = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = "x", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null);
        Assert.Contains("Quá nhiều yêu cầu", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_typing_wrong_passwords_cannot_keep_the_real_user_out()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var stranger = From("203.0.113.2");
        for (var i = 0; i < 40; i++)
        {
            await SiparFactory.PostFormAsync(stranger, "/account/login", new() { ["Email"] = user.Email, ["Password"] = "Guess-" + i });
        }

        var real = From("192.0.2.10");
        var login = await SiparFactory.PostFormAsync(real, "/account/login", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await real.GetAsync("/api/me")).StatusCode);
        var stored = await app.WithServicesAsync(sp => sp.GetRequiredService<UserManager<User>>().FindByIdAsync(user.Id.ToString()));
        Assert.Null(stored!.LockoutEnd);
    }

    [Fact]
    public async Task Unknown_known_and_locked_accounts_get_the_same_answer()
    {
        var known = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        var locked = await app.CreateUserAsync(Role.Office, (await app.CreateAgencyAsync()).AgencyId);
        await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().SetLockedAsync(locked.Id, true));

        async Task<(HttpStatusCode, string)> TryAsync(string address, string email, string password)
        {
            var response = await SiparFactory.PostFormAsync(From(address), "/account/login", new() { ["Email"] = email, ["Password"] = password });
            return (response.StatusCode, (await SiparFactory.HtmlAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent.Trim());
        }

        var unknown = await TryAsync("198.18.0.1", $"khong-co-{Guid.NewGuid():N}@test.sipar", "Wrong-password-1");
        var wrong = await TryAsync("198.18.0.2", known.Email, "Wrong-password-1");
        var disabled = await TryAsync("198.18.0.3", locked.Email, locked.Password);
        Assert.Equal(HttpStatusCode.OK, unknown.Item1);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, disabled);
    }

    [Fact]
    public async Task One_account_takes_only_so_many_attempts_a_minute_from_addresses_that_failed_before()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var refused = 0;
        for (var i = 0; i < 15; i++)
        {
            var client = From($"198.19.1.{i + 1}");
            for (var j = 0; j < 2; j++)
            {
                var response = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["Email"] = user.Email, ["Password"] = $"Spread-{i}-{j}" });
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    refused++;
                    Assert.Contains("Đăng nhập sai quá nhiều lần", (await SiparFactory.HtmlAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
                }
            }
        }

        // Each address tried only twice (well within its own limits); the account's budget of 10 a minute refused the rest.
        Assert.Equal(5, refused);
    }

    [Fact]
    public async Task Anonymous_requests_are_limited_per_address_and_static_files_are_not()
    {
        var busy = From("203.0.113.50");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 400 && limited is null; i++)
        {
            var response = await busy.GetAsync("/api/me");
            statuses.Add(response.StatusCode);
            limited = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        // The bucket holds 300 a minute (refilled by 5 a second): the first few hundred get their 401, then 429.
        Assert.True(statuses.Count(s => s == HttpStatusCode.Unauthorized) >= 250);
        Assert.NotNull(limited);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal("Quá nhiều yêu cầu", (await limited.Content.ReadFromJsonAsync<ProblemDetails>(SiparFactory.Json))!.Title);

        HttpResponseMessage? page = null;
        for (var i = 0; i < 50 && page?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            page = await busy.GetAsync("/account/login");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, page!.StatusCode);
        Assert.Contains("Quá nhiều yêu cầu", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/css/site.css")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await From("203.0.113.51").GetAsync("/account/login")).StatusCode);
    }

    private HttpClient From(string address)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
