using System.Net;
using Microsoft.AspNetCore.Http;
using Sipar.Infrastructure.Observability;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// OpenTelemetry metrics in Prometheus format at /metrics: requests, database time, background jobs and the business
/// counters; no login, off by default, and with a port set only on that port.
/// </summary>
public sealed class MetricsTests(SqliteFactory app, ProductLimitsSqliteFactory product) : IClassFixture<SqliteFactory>, IClassFixture<ProductLimitsSqliteFactory>
{
    [Fact]
    public async Task Metrics_are_off_by_default()
    {
        var response = await product.NewClient().GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("sipar_", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_enabled_a_scrape_needs_no_login_and_shows_requests_database_time_jobs_and_business_counters()
    {
        var client = app.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/thu-tuc")).StatusCode);
        var metrics = app.Services.GetRequiredService<SiparMetrics>();
        await metrics.RunJobAsync("apology-prompts", () => Task.CompletedTask);
        await Assert.ThrowsAsync<InvalidOperationException>(() => metrics.RunJobAsync("feedback-deadlines", () => throw new InvalidOperationException("down")));

        var text = await app.ScrapeMetricsAsync("sipar_jobs_runs");
        var scrape = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);

        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Matches("sipar_db_command_duration_seconds_bucket\\{[^}]*le=\"0.005\"\\}", text);   // buckets in seconds
        Assert.Contains("sipar_jobs_runs_total{", text, StringComparison.Ordinal);
        Assert.Matches("sipar_jobs_runs_total\\{[^}]*job=\"feedback-deadlines\"[^}]*outcome=\"failed\"|sipar_jobs_runs_total\\{[^}]*outcome=\"failed\"[^}]*job=\"feedback-deadlines\"", text);
        Assert.Contains("gc_collections", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9464, 9464, "10.0.0.5", true)]
    [InlineData(9464, 8080, "127.0.0.1", false)]
    [InlineData(null, 8080, "127.0.0.1", true)]
    [InlineData(null, 8080, "::1", true)]
    [InlineData(null, 8080, "203.0.113.7", false)]
    public void Only_the_metrics_port_or_else_this_machine_may_scrape(int? port, int localPort, string remote, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Connection.LocalPort = localPort;
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        Assert.Equal(allowed, MetricsSetup.Allowed(context.Connection, port));
    }
}
