using System.Net;
using System.Net.Http.Json;
using Sipar.Modules.Accounts;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

public abstract class AccountsTests<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : SiparFactory
{
    [Fact]
    public async Task A_user_signs_in_sees_the_Vietnamese_home_page_and_signs_out()
    {
        var (agencyId, unitId, agencyName) = await app.CreateAgencyAsync();
        var user = await app.CreateUserAsync(Role.Office, agencyId, unitId, "Nguyễn Thị Hà");
        var client = await app.SignedInClientAsync(user);

        var home = await SiparFactory.HtmlAsync(await client.GetAsync("/"));
        Assert.Equal("vi", home.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Xin chào, Nguyễn Thị Hà", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(agencyName, home.Body!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("[data-role=Office]"));

        var logout = await SiparFactory.PostFormAsync(client, "/", [], "/account/logout");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/agencies/" + agencyId);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_Vietnamese_message_and_no_cookie()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var client = app.NewClient();
        var response = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["Email"] = user.Email, ["Password"] = "Sai-mat-khau-123" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SiparFactory.HtmlAsync(response);
        Assert.Contains("Email hoặc mật khẩu không đúng", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Empty_fields_are_refused_next_to_the_field()
    {
        var client = app.NewClient();
        var response = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["Email"] = "", ["Password"] = "" });
        var page = await SiparFactory.HtmlAsync(response);
        Assert.Equal("Vui lòng nhập email.", page.QuerySelector("#Email-error")!.TextContent.Trim());
        Assert.Equal("Vui lòng nhập mật khẩu.", page.QuerySelector("#Password-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Twenty_failed_attempts_from_many_addresses_lock_the_account_with_the_same_message_as_a_wrong_password()
    {
        var user = await app.CreateUserAsync(Role.UnitOfficer, (await app.CreateAgencyAsync()).AgencyId);
        var client = app.NewClient();
        string? wrongMessage = null;
        for (var i = 0; i < 20; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            var failed = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["Email"] = user.Email, ["Password"] = "Wrong-password-1" });
            wrongMessage ??= (await SiparFactory.HtmlAsync(failed)).QuerySelector(".validation-summary-errors")!.TextContent;
        }

        var response = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = (await SiparFactory.HtmlAsync(response)).QuerySelector(".validation-summary-errors")!.TextContent;
        Assert.Equal(wrongMessage, text);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_applies_the_password_rules_in_Vietnamese()
    {
        var user = await app.CreateUserAsync(Role.Administrator);
        var client = await app.SignedInClientAsync(user);

        var weak = await SiparFactory.PostFormAsync(client, "/account/password", new() { ["Current"] = user.Password, ["New"] = "abc", ["Confirm"] = "abc" });
        var page = await SiparFactory.HtmlAsync(weak);
        var messages = page.QuerySelector("[data-valmsg-for=New]")!.TextContent;
        Assert.Contains("Mật khẩu phải có ít nhất 10 ký tự", messages, StringComparison.Ordinal);

        var wrong = await SiparFactory.PostFormAsync(client, "/account/password", new() { ["Current"] = "Not-the-password-9", ["New"] = "Mat-khau-Moi-2026", ["Confirm"] = "Mat-khau-Moi-2026" });
        Assert.Contains("Mật khẩu hiện tại không đúng.", (await SiparFactory.HtmlAsync(wrong)).QuerySelector("[data-valmsg-for=Current]")!.TextContent, StringComparison.Ordinal);

        var ok = await SiparFactory.PostFormAsync(client, "/account/password", new() { ["Current"] = user.Password, ["New"] = "Mat-khau-Moi-2026", ["Confirm"] = "Mat-khau-Moi-2026" });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var again = await app.SignedInClientAsync(user with { Password = "Mat-khau-Moi-2026" });
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_creates_an_account_sees_its_password_once_and_the_person_signs_in()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var email = $"lanhdao-{Guid.NewGuid():N}@test.sipar";

        var missing = await SiparFactory.PostFormAsync(admin, "/admin/users/new", new()
        {
            ["Input.Email"] = email, ["Input.FullName"] = "", ["Input.Roles"] = "Leader",
        });
        var form = await SiparFactory.HtmlAsync(missing);
        Assert.Equal("Vui lòng nhập họ và tên.", form.QuerySelector("[data-valmsg-for='Input.FullName']")!.TextContent.Trim());
        Assert.Equal(email, form.QuerySelector("#Input_Email")!.GetAttribute("value"));

        var created = await SiparFactory.PostFormAsync(admin, "/admin/users/new", new()
        {
            ["Input.Email"] = email, ["Input.FullName"] = "Hoàng Văn Đức", ["Input.AgencyId"] = agencyId.ToString(),
            ["Input.UnitId"] = unitId.ToString(), ["Input.Roles"] = "Leader",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await SiparFactory.HtmlAsync(await admin.GetAsync(created.Headers.Location));
        var once = page.QuerySelector("[data-testid=password-once]")!.TextContent;
        var password = once.Split(':').Last().Trim();
        Assert.Null((await SiparFactory.HtmlAsync(await admin.GetAsync(created.Headers.Location))).QuerySelector("[data-testid=password-once]"));

        var leader = await app.SignedInClientAsync(new(Guid.Empty, email, "Hoàng Văn Đức", password));
        var home = await SiparFactory.HtmlAsync(await leader.GetAsync("/"));
        Assert.NotNull(home.QuerySelector("[data-role=Leader]"));
    }

    [Fact]
    public async Task An_administrator_changes_a_persons_roles_and_the_audit_trail_records_it()
    {
        var (agencyId, unitId, _) = await app.CreateAgencyAsync();
        var person = await app.CreateUserAsync(Role.UnitOfficer, agencyId, unitId, "Vi Văn Nam");
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var url = $"/admin/users/{person.Id}";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.Email", person.Email), new("Input.FullName", "Vi Văn Nam"), new("Input.AgencyId", agencyId.ToString()),
            new("Input.UnitId", unitId.ToString()), new("Input.Roles", "Leader"), new("Input.Roles", "DeskOfficer"),
        };
        fields.Add(new("__RequestVerificationToken", await SiparFactory.AntiforgeryTokenAsync(admin, url)));
        var saved = await admin.PostAsync(url, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var user = await app.WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().GetAsync(person.Id, CancellationToken.None));
        Assert.Equal([Role.Leader, Role.DeskOfficer], user.Roles);
        var client = await app.SignedInClientAsync(person);
        Assert.NotNull((await SiparFactory.HtmlAsync(await client.GetAsync("/"))).QuerySelector("[data-role=DeskOfficer]"));
    }

    [Fact]
    public async Task Searching_accounts_ignores_diacritics_and_case()
    {
        var agency = await app.CreateAgencyAsync();
        await app.CreateUserAsync(Role.UnitOfficer, agency.AgencyId, name: "Lương Thị Đào");
        var admin = await app.SignedInClientAsync(await app.CreateUserAsync(Role.Administrator));
        var found = await admin.GetFromJsonAsync<List<UserSummary>>($"/api/users?agencyId={agency.AgencyId}&q=LUONG thi dao", SiparFactory.Json);
        Assert.Equal(["Lương Thị Đào"], found!.Select(u => u.FullName));
        var page = await SiparFactory.HtmlAsync(await admin.GetAsync($"/admin/users?q=luong%20thi%20dao&agency={agency.AgencyId}"));
        Assert.Contains("Lương Thị Đào", page.QuerySelector("#users-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_shows_English_and_back()
    {
        var client = app.NewClient();
        var switched = await SiparFactory.PostFormAsync(client, "/account/login", new() { ["culture"] = "en", ["returnUrl"] = "/account/login" }, "/culture");
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        var english = await SiparFactory.HtmlAsync(await client.GetAsync("/account/login"));
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent);

        await SiparFactory.PostFormAsync(client, "/account/login", new() { ["culture"] = "vi", ["returnUrl"] = "//evil.example" }, "/culture");
        var vietnamese = await SiparFactory.HtmlAsync(await client.GetAsync("/account/login"));
        Assert.Equal("Đăng nhập", vietnamese.QuerySelector("h1")!.TextContent);
    }
}

public sealed class AccountsTestsOnSqlite(SqliteFactory app) : AccountsTests<SqliteFactory>(app);

public sealed class AccountsTestsOnPostgres(PostgresFactory app) : AccountsTests<PostgresFactory>(app);
