using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using Sipar.Testing;

namespace Sipar.BrowserTests;

/// <summary>Sipar on a real port (Kestrel, SQLite) and Debian's Chromium driven by Playwright; no browser download.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private static readonly Lazy<string> AxeSource = new(() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "axe.min.js")));

    private IPlaywright? playwright;

    public BrowserFixture()
        : this(new KestrelFactory())
    {
    }

    protected BrowserFixture(KestrelFactory app)
    {
        App = app;
    }

    public KestrelFactory App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every Content-Security-Policy violation Chromium reported on pages opened through <see cref="SignInAsync"/>.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public async ValueTask InitializeAsync()
    {
        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal);
        playwright = await Playwright.CreateAsync();
        // The machines are shared and CI runs the integration tests beside these: an expectation waits up to 30 s
        // rather than Playwright's 5 s default, as actions already wait 30 s.
        Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SIPAR_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            // Reduced motion turns Bootstrap's transitions off, so axe never measures a button's colour mid-transition.
            Args = ["--force-prefers-reduced-motion", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context signed in through the login page, as a person would.</summary>
    /// <param name="axeOnLoad">Run axe-core on every page as it loads (the link walk runs it itself, once a page).</param>
    public async Task<IPage> SignInAsync(Sipar.Modules.Accounts.CreatedUser user, int width = 1400, bool axeOnLoad = true)
    {
        ArgumentNullException.ThrowIfNull(user);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = 900 }, AcceptDownloads = true, ReducedMotion = ReducedMotion.Reduce });
        var page = await context.NewPageAsync();
        Watch(page, axeOnLoad);
        context.Page += (_, opened) => Watch(opened, axeOnLoad);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(user.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>
    /// axe-core (WCAG 2.1 A and AA rules) on the page as it is now: one line per violation, with the elements it found.
    /// The script is evaluated through the DevTools protocol, so the page's Content-Security-Policy stays as it is.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var gate = AxeGates.GetValue(page, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            return await RunAxeAsync(page);
        }
        finally
        {
            gate.Release();
        }
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, SemaphoreSlim> AxeGates = [];

    private static async Task<IReadOnlyList<string>> RunAxeAsync(IPage page)
    {
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.EvaluateAsync(AxeSource.Value);
        }

        return await page.EvaluateAsync<string[]>(
            """
            async () => {
              // One axe run at a time on a page (the run on load and a test's own run may meet).
              while (window.__siparAxe) { try { await window.__siparAxe; } catch (e) { } }
              const run = axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
              window.__siparAxe = run;
              let r;
              try { r = await run; } finally { window.__siparAxe = null; }
              return r.violations.map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | ') + (v.nodes.length > 3 ? ' (+' + (v.nodes.length - 3) + ')' : ''));
            }
            """);
    }

    /// <summary>Every axe-core violation found on the pages opened through <see cref="SignInAsync"/> or watched (<see cref="Watch"/>).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> AxeViolations { get; } = new();

    private readonly System.Collections.Concurrent.ConcurrentBag<Task> axeRuns = [];

    /// <summary>
    /// The page's CSP and accessibility record is clean: no CSP violation, and axe-core (run on every page as it loads)
    /// found nothing. Waits for the axe runs still going.
    /// </summary>
    public async Task AssertCleanAsync()
    {
        await Task.WhenAll(axeRuns);
        Assert.True(CspViolations.IsEmpty, string.Join("\n", CspViolations));
        Assert.True(AxeViolations.IsEmpty, string.Join("\n", AxeViolations.Distinct()));
    }

    /// <summary>Records the page's CSP violations (Chromium reports each one as a console error) and runs axe-core on every page it loads.</summary>
    public void Watch(IPage page, bool axeOnLoad = true)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (axeOnLoad)
        {
            page.Load += (_, _) => axeRuns.Add(AxeOnLoadAsync(page));
        }

        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue(page.Url + " (" + message.Location + "): " + message.Text[..Math.Min(60, message.Text.Length)]);
            }
        };
    }

    private async Task AxeOnLoadAsync(IPage page)
    {
        try
        {
            var url = page.Url;
            foreach (var violation in await AxeAsync(page))
            {
                AxeViolations.Enqueue(new Uri(url).PathAndQuery + ": " + violation);
            }
        }
        catch (PlaywrightException)
        {
            // The page moved on (or closed) while axe ran: the next load is checked instead.
        }
    }

    /// <summary>Where a test keeps a screenshot for people to look at (bin/…/screenshots).</summary>
    public static string Screenshot(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public class KestrelFactory : SiparFactory
{
    public override Sipar.Infrastructure.Data.DatabaseProvider Provider => Sipar.Infrastructure.Data.DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "sipar.db")}";
}

/// <summary>Sipar with the demo province and its eight demo logins, as <c>dotnet run</c> starts it.</summary>
public sealed class DemoBrowserFixture : BrowserFixture
{
    public DemoBrowserFixture()
        : base(new DemoKestrelFactory())
    {
    }

    /// <summary>The demo logins the seeder wrote (email and the shared password), as a newcomer reads them.</summary>
    public IReadOnlyList<Sipar.Modules.Accounts.CreatedUser> DemoLogins() => App.DemoLogins();
}

public sealed class DemoKestrelFactory : KestrelFactory
{
    protected override bool Demo => true;
}
