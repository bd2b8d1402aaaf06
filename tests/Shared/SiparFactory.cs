using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Testing;

/// <summary>
/// Sipar on a real database of its own: a new SQLite file, or a new PostgreSQL database on the server named by
/// SIPAR_TEST_POSTGRES (scripts/test.sh starts one). Migrations run at start, as in production; no demo data.
/// </summary>
public abstract class SiparFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "sipar-tests", Guid.NewGuid().ToString("N"));

    protected SiparFactory()
    {
        Directory.CreateDirectory(dataDirectory);
    }

    public abstract DatabaseProvider Provider { get; }

    /// <summary>Whether the app seeds the demo province and its eight demo logins (the link walk signs in as each).</summary>
    protected virtual bool Demo => false;

    /// <summary>
    /// The app's clock. It stands still at 01/12/2026 09:00 in Việt Nam until a test moves it (to a due day, past a
    /// deadline, across the Vietnamese midnight at 17:00 UTC); tests never read the wall clock for what the app decides.
    /// Tests in one class share it: a test that moves it sets it first.
    /// </summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

    /// <summary>Now on the app's clock, as the UTC <see cref="DateTime"/> entities take.</summary>
    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Today in Việt Nam on the app's clock.</summary>
    public DateOnly Today => Sipar.Infrastructure.Time.VietnamTime.Today(Clock);

    /// <summary>Email goes to this loopback SMTP server.</summary>
    public SmtpSink Smtp { get; } = new();

    public string DataDirectory => dataDirectory;

    /// <summary>Configuration for this database, as <c>--Key=Value</c> (also handed to CLI verbs in tests).</summary>
    public string[] Settings =>
    [
        $"--Database:Provider={Provider}",
        $"--ConnectionStrings:Sipar={ConnectionString}",
        $"--Sipar:DataDirectory={dataDirectory}",
        $"--Sipar:Demo={(Demo ? "true" : "false")}",
        "--Database:MigrateOnStart=true",
        "--Smtp:Host=127.0.0.1",
        $"--Smtp:Port={Smtp.Port}",
        // The apology-prompt job would tick with the fake clock in the middle of a test: tests run the prompter themselves.
        "--Dossiers:PromptEveryMinutes=0",
        "--Feedback:CheckEveryMinutes=0",
        .. RateLimitSettings,
        .. MetricsSettings,
    ];

    /// <summary>Tests scrape <c>/metrics</c> (in process, so allowed); the product's default keeps it off (<see cref="ProductLimitsSqliteFactory"/>).</summary>
    protected virtual IEnumerable<string> MetricsSettings => ["--Metrics:Enabled=true"];

    /// <summary>
    /// Tests sign in hundreds of times from one address, so the limits are lifted here; the login abuse tests use
    /// a factory that keeps the product's defaults (<see cref="ProductLimitsSqliteFactory"/>).
    /// </summary>
    protected virtual IEnumerable<string> RateLimitSettings =>
    [
        "--RateLimits:AnonymousPerMinute=1000000",
        "--RateLimits:LoginPerMinute=1000000",
        "--RateLimits:LoginPerAccountPerMinute=1000000",
        "--RateLimits:LoginFreeFailures=1000000",
    ];

    protected abstract string ConnectionString { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
        GC.SuppressFinalize(this);
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs <paramref name="action"/> with the app's services in a scope (no signed-in user).</summary>
    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    public Task WithServicesAsync(Func<IServiceProvider, Task> action) =>
        WithServicesAsync(async sp =>
        {
            await action(sp);
            return true;
        });

    /// <summary>A new agency with one unit, named uniquely so tests never collide.</summary>
    public Task<(Guid AgencyId, Guid UnitId, string Name)> CreateAgencyAsync(string prefix = "Sở Thử nghiệm") =>
        WithServicesAsync(async sp =>
        {
            var admin = sp.GetRequiredService<AgencyAdministration>();
            var name = $"{prefix} {Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 200)];
            var agencyId = await admin.CreateAsync(new AgencyInput(name, "STN", "Lạng Sơn", AgencyKind.Department), CancellationToken.None);
            var unitId = await admin.AddUnitAsync(agencyId, new UnitInput("Văn phòng Sở", "VP", UnitKind.Office, null), CancellationToken.None);
            return (agencyId, unitId, name);
        });

    /// <summary>
    /// A PAR INDEX campaign of <paramref name="year"/> on the demo framework with one draft assessment for the agency
    /// (<paramref name="configure"/> may set the campaign's classes, survey and recipients first).
    /// </summary>
    internal Task<(Guid CampaignId, Guid AssessmentId)> CreateDraftAssessmentAsync(Guid agencyId, int year = 2026, Action<Sipar.Modules.ParIndex.ParCampaign>? configure = null) =>
        WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var framework = Sipar.Modules.ParIndex.Framework.FromFile(
                Sipar.Modules.ParIndex.FrameworkReader.Read("f.json", Sipar.Modules.ParIndex.ParIndexModule.DemoFramework()), year, AgencyKind.Department, $"Bộ {Guid.NewGuid():N}", UtcNow);
            var campaign = Sipar.Modules.ParIndex.ParCampaign.Create(year, $"Đánh giá {Guid.NewGuid():N}"[..20], Today.AddDays(10), Today.AddDays(20), Today.AddDays(30), UtcNow);
            configure?.Invoke(campaign);
            var assessment = Sipar.Modules.ParIndex.ParAssessment.Start(campaign.Id, agencyId, framework);
            db.AddRange(framework, campaign, assessment);
            await db.SaveChangesAsync();
            return (campaign.Id, assessment.Id);
        });

    /// <summary>Every self-assessed item of a draft assessment scored 0, so the office can review it.</summary>
    internal Task ScoreAllZeroAsync(Guid assessmentId) =>
        WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var a = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Set<Sipar.Modules.ParIndex.ParAssessment>(), x => x.Scores), x => x.Id == assessmentId);
            foreach (var s in a.Scores.Where(x => x.Method != Sipar.Modules.ParIndex.ScoringMethod.Survey && !x.IsComputedFromData))
            {
                a.SelfScore(s.Id, 0, null);
            }

            await db.SaveChangesAsync();
        });

    /// <summary>An assessment submitted for appraisal with every item at 0 (computed items frozen empty): ready for survey points and appraisal.</summary>
    internal Task SubmitWithZeroScoresAsync(Guid assessmentId) =>
        WithServicesAsync(async sp =>
        {
            var db = sp.GetRequiredService<SiparDbContext>();
            var a = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.Include(db.Set<Sipar.Modules.ParIndex.ParAssessment>(), x => x.Scores), x => x.Id == assessmentId);
            foreach (var s in a.Scores.Where(x => x.Method != Sipar.Modules.ParIndex.ScoringMethod.Survey))
            {
                if (s.IsComputedFromData)
                {
                    a.SetComputed(s.Id, 0, "{}");
                }
                else
                {
                    a.SelfScore(s.Id, 0, "Chưa thực hiện");
                }
            }

            a.MarkReviewed(Guid.NewGuid(), UtcNow);
            a.Submit(Guid.NewGuid(), UtcNow);
            await db.SaveChangesAsync();
        });

    /// <summary>Runs <c>sipar</c> with these arguments against this app's database: the exit code and what it printed.</summary>
    public async Task<(int Code, string Out, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Sipar.Infrastructure.Cli.SiparCommandLine.RunAsync(args, Program.CreateApp, output, error, Settings);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The demo logins the seeder wrote (email and the shared password), as a newcomer reads them.</summary>
    public IReadOnlyList<CreatedUser> DemoLogins()
    {
        var text = File.ReadAllLines(Path.Combine(DataDirectory, Sipar.Modules.Demo.DemoSeeder.LoginsFileName));
        var password = Regex.Match(text[0], @": (\S+)\)$").Groups[1].Value;
        return text.Skip(1).Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1])
            .Select(email => new CreatedUser(Guid.Empty, email, email, password)).ToList();
    }

    /// <summary>A new user with <paramref name="role"/>; returns the email and the generated password.</summary>
    public Task<CreatedUser> CreateUserAsync(Role role, Guid? agencyId = null, Guid? unitId = null, string name = "Người dùng thử") =>
        WithServicesAsync(sp => sp.GetRequiredService<UserAdministration>().CreateAsync(
            new UserInput($"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.sipar", name, agencyId, unitId, [role]), CancellationToken.None));

    /// <summary>A Prometheus scrape of /metrics (no login, in process) that holds <paramref name="name"/>: the exporter caches a scrape for a moment.</summary>
    public async Task<string> ScrapeMetricsAsync(string name)
    {
        var text = "";
        for (var i = 0; i < 25 && !text.Contains(name, StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            text = await NewClient().GetStringAsync("/metrics");
        }

        return text;
    }

    /// <summary>A client with its own cookies that does not follow redirects, so tests see each status.</summary>
    public HttpClient NewClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs in through the login page, as a person would.</summary>
    public async Task<HttpClient> SignedInClientAsync(CreatedUser user)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/account/login", new() { ["Email"] = user.Email, ["Password"] = user.Password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login failed for {user.Email}: {response.StatusCode}");
        }

        return client;
    }

    /// <summary>The antiforgery token of a form on <paramref name="pageUrl"/>, as a browser would post it.</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync(pageUrl);
        return Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    /// <summary>GETs <paramref name="pageUrl"/> for its antiforgery token, then posts the form to <paramref name="postUrl"/> (or the page).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pageUrl);
        return await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(fields));
    }

    /// <summary>How the API writes JSON: web defaults, enums by name.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>A request body with the content type a real client sends for a file of this kind.</summary>
    public static ByteArrayContent Body(byte[] content, string mediaType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return body;
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services => services.AddSingleton<TimeProvider>(Clock));
        foreach (var setting in Settings)
        {
            var pair = setting[2..].Split('=', 2);
            builder.UseSetting(pair[0], pair[1]);
        }
    }
}

public class SqliteFactory : SiparFactory
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "sipar.db")}";
}

public class PostgresFactory : SiparFactory
{
    private readonly string database = "sipar_test_" + Guid.NewGuid().ToString("N")[..16];

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    /// <summary>The server to create test databases on. scripts/test.sh sets it; there is no silent skip.</summary>
    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable("SIPAR_TEST_POSTGRES")
        ?? throw new InvalidOperationException("SIPAR_TEST_POSTGRES is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");

    protected override string ConnectionString =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ToString();

    public override async ValueTask InitializeAsync()
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        NpgsqlConnection.ClearAllPools();

        // The database is this class's scratch copy: failing to drop it must not fail the tests (a retry
        // covers a connection that is still closing).
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ServerConnectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 3)
            {
                await Task.Delay(500 * attempt);
            }
            catch (NpgsqlException)
            {
                return;
            }
        }
    }
}

/// <summary>SQLite with the product's defaults for rate limits, lockout and metrics (off), for the tests of login abuse and limits.</summary>
public sealed class ProductLimitsSqliteFactory : SqliteFactory
{
    protected override IEnumerable<string> RateLimitSettings => [];

    protected override IEnumerable<string> MetricsSettings => [];
}

/// <summary>SQLite with the demo province seeded (two departments' plans, dossiers, feedback, a SIPAS wave, PAR results).</summary>
public sealed class DemoSqliteFactory : SqliteFactory
{
    protected override bool Demo => true;
}

/// <summary>PostgreSQL with the demo province seeded.</summary>
public sealed class DemoPostgresFactory : PostgresFactory
{
    protected override bool Demo => true;
}
