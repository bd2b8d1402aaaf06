using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Sipar.BrowserTests;

/// <summary>
/// Every demo role (and a citizen without an account) opens the home page and follows every link it finds, page after
/// page, as a newcomer clicking around would: no link may answer 403, 404 or 500, and every page opened passes axe-core
/// (WCAG 2.1 A/AA). Pages of one shape (the same path with other ids) are opened a few times, not hundreds.
/// </summary>
public sealed partial class LinkWalkTests(DemoBrowserFixture fx) : IClassFixture<DemoBrowserFixture>
{
    private const int PagesOfOneShape = 2;

    public static TheoryData<string> Roles() =>
    [
        "anonymous", "quantri@sipar.demo", "vanphong@sldtbxh.demo", "lanhdao@sldtbxh.demo", "phongkhtc@sldtbxh.demo",
        "motcua@sldtbxh.demo", "dieutra@sldtbxh.demo", "vanphong@stp.demo", "thamdinh@snv.demo",
    ];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_link_a_role_meets_opens_and_every_page_passes_axe(string who)
    {
        IPage page;
        if (who == "anonymous")
        {
            var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fx.BaseUrl });
            page = await context.NewPageAsync();
        }
        else
        {
            page = await fx.SignInAsync(fx.DemoLogins().Single(l => l.Email == who), axeOnLoad: false);
        }

        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/" };
        var shapes = new Dictionary<string, int>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, string From)>([("/", "(start)")]);
        var opened = 0;
        while (queue.Count > 0)
        {
            var (url, from) = queue.Dequeue();
            var response = await page.APIRequest.GetAsync(url, new APIRequestContextOptions { MaxRedirects = 0 });
            if (response.Status is 403 or 404 or >= 500)
            {
                failures.Add($"{response.Status} {url} (linked from {from})");
                continue;
            }

            var shape = Shape(url);
            shapes[shape] = shapes.GetValueOrDefault(shape) + 1;
            var html = response.Headers.TryGetValue("content-type", out var type) && type.StartsWith("text/html", StringComparison.Ordinal);
            if (!html || response.Status != 200 || shapes[shape] > PagesOfOneShape)
            {
                continue;
            }

            await page.GotoAsync(url);
            opened++;
            foreach (var violation in await BrowserFixture.AxeAsync(page))
            {
                failures.Add($"axe {url}: {violation}");
            }

            var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "els => els.map(a => a.getAttribute('href'))");
            foreach (var href in links)
            {
                if (Local(href) is { } next && seen.Add(next))
                {
                    queue.Enqueue((next, url));
                }
            }
        }

        await page.Context.CloseAsync();
        Assert.True(opened > 3, $"{who} opened only {opened} pages");
        Assert.True(failures.Count == 0, $"{who}: {opened} pages opened, {seen.Count} links\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task The_one_stop_desk_officer_opens_the_units_report_from_my_tasks()
    {
        var page = await fx.SignInAsync(fx.DemoLogins().Single(l => l.Email == "motcua@sldtbxh.demo"));
        await page.GotoAsync("/my-tasks");
        var link = page.GetByTestId("report-link").First;
        var href = await link.GetAttributeAsync("href");
        var response = await page.GotoAsync(href!);
        Assert.Equal(200, response!.Status);
        Assert.StartsWith("/reports/", href, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bộ phận Một cửa");
        await page.Context.CloseAsync();
    }

    /// <summary>A link inside Sipar, without its fragment; null for mail, phone, other sites and the API's raw JSON.</summary>
    private static string? Local(string? href)
    {
        if (string.IsNullOrWhiteSpace(href) || href.StartsWith('#') || href.StartsWith("mailto:", StringComparison.Ordinal) || href.StartsWith("tel:", StringComparison.Ordinal)
            || href.StartsWith("//", StringComparison.Ordinal) || href.Contains("://", StringComparison.Ordinal))
        {
            return null;
        }

        var local = href.Split('#')[0];
        return local.StartsWith('/') && local.Length > 0 ? local : null;
    }

    /// <summary>The page's shape: its path with ids, codes and numbers blanked, and the names of its query parameters.</summary>
    private static string Shape(string url)
    {
        var parts = url.Split('?', 2);
        var path = Ids().Replace(parts[0], "{}");
        var query = parts.Length > 1 ? string.Join('&', parts[1].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal)) : "";
        return path + "?" + query;
    }

    [GeneratedRegex(@"(?<=/)([0-9a-fA-F]{8}-[0-9a-fA-F-]{27}|[0-9][0-9.]*|[A-Z]{2}[A-Z0-9-]{5,})(?=/|$)")]
    private static partial Regex Ids();
}
