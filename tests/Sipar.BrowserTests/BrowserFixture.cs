using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;
using Sipar.Testing;

namespace Sipar.BrowserTests;

/// <summary>Sipar on a real port (Kestrel, SQLite) and Debian's Chromium driven by Playwright; no browser download.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public KestrelFactory App { get; } = new();

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
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SIPAR_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new browser context signed in through the login page, as a person would.</summary>
    public async Task<IPage> SignInAsync(Sipar.Modules.Accounts.CreatedUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = 1400, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        Watch(page);
        context.Page += (_, opened) => Watch(opened);
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync(user.Email);
        await page.GetByLabel("Mật khẩu").FillAsync(user.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>Records the page's CSP violations (Chromium reports each one as a console error).</summary>
    public void Watch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue(page.Url + " (" + message.Location + "): " + message.Text[..Math.Min(60, message.Text.Length)]);
            }
        };
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
    }
}

public sealed class KestrelFactory : SiparFactory
{
    public override Sipar.Infrastructure.Data.DatabaseProvider Provider => Sipar.Infrastructure.Data.DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(DataDirectory, "sipar.db")}";
}
