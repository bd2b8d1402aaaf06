using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry.Metrics;

namespace Sipar.Infrastructure.Observability;

/// <summary>
/// Sipar's own instruments (meter <c>Sipar</c>): database time, background jobs and the business counters. Modules
/// record through this; OpenTelemetry exports them with ASP.NET Core's request metrics and the runtime's in
/// Prometheus format when <c>Metrics:Enabled</c> (see <see cref="MetricsSetup"/>).
/// </summary>
public sealed class SiparMetrics
{
    public const string MeterName = "Sipar";

    private readonly Histogram<double> dbCommand;
    private readonly Counter<long> jobRuns;
    private readonly Histogram<double> jobDuration;
    private readonly Counter<long> dossiersReceived;
    private readonly Counter<long> dossiersReturned;
    private readonly Counter<long> surveySubmissions;
    private readonly Counter<long> feedbackReceived;

    public SiparMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        // Seconds, so the buckets are set (the SDK's default ones are made for milliseconds).
        dbCommand = meter.CreateHistogram("sipar.db.command.duration", "s", "Time of each database command, by kind (reader, non-query, scalar).", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        jobRuns = meter.CreateCounter<long>("sipar.jobs.runs", "{run}", "Background job runs, by job and outcome (ok, failed).");
        jobDuration = meter.CreateHistogram("sipar.jobs.duration", "s", "Time of each background job run, by job.", null,
            new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300] });
        dossiersReceived = meter.CreateCounter<long>("sipar.dossiers.received", "{dossier}", "Dossiers received at the desk, by channel.");
        dossiersReturned = meter.CreateCounter<long>("sipar.dossiers.returned", "{dossier}", "Dossiers whose result was returned, by outcome (early, on_time, late).");
        surveySubmissions = meter.CreateCounter<long>("sipar.sipas.submissions", "{response}", "SIPAS survey responses recorded, by channel.");
        feedbackReceived = meter.CreateCounter<long>("sipar.feedback.received", "{feedback}", "Citizens' feedback items received, by channel.");
    }

    public void DatabaseCommand(string kind, TimeSpan duration) => dbCommand.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("kind", kind));

    /// <summary>Runs one background job pass, counting it and its time; failures are counted and rethrown.</summary>
    public async Task RunJobAsync(string job, Func<Task> pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            await pass();
            outcome = "ok";
        }
        finally
        {
            var tags = new TagList { { "job", job }, { "outcome", outcome } };
            jobRuns.Add(1, tags);
            jobDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("job", job));
        }
    }

    public void DossierReceived(string channel) => dossiersReceived.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void DossierReturned(string outcome) => dossiersReturned.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void SurveySubmitted(string channel) => surveySubmissions.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public void FeedbackReceived(string channel) => feedbackReceived.Add(1, new KeyValuePair<string, object?>("channel", channel));
}

/// <summary>Times every database command for <see cref="SiparMetrics"/> (a histogram record: tens of nanoseconds).</summary>
internal sealed class CommandTimer(SiparMetrics metrics) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        metrics.DatabaseCommand("reader", eventData?.Duration ?? TimeSpan.Zero);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        metrics.DatabaseCommand("reader", eventData?.Duration ?? TimeSpan.Zero);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        metrics.DatabaseCommand("non_query", eventData?.Duration ?? TimeSpan.Zero);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        metrics.DatabaseCommand("non_query", eventData?.Duration ?? TimeSpan.Zero);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        metrics.DatabaseCommand("scalar", eventData?.Duration ?? TimeSpan.Zero);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        metrics.DatabaseCommand("scalar", eventData?.Duration ?? TimeSpan.Zero);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Metrics in Prometheus format at <c>/metrics</c>, off by default (<c>Metrics:Enabled</c>). It needs no login and is
/// not public: with <c>Metrics:Port</c> it answers only on connections to that port (listen on it with
/// <c>--urls "http://0.0.0.0:8080;http://127.0.0.1:9464"</c>), without it only to this machine (loopback). Elsewhere
/// <c>/metrics</c> is like any unknown page.
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IHostApplicationBuilder AddSiparMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SiparMetrics>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, CommandTimer>();
        if (builder.Configuration.GetValue("Metrics:Enabled", false))
        {
            builder.Services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(SiparMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        }

        return builder;
    }

    public static WebApplication UseSiparMetrics(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Metrics:Enabled", false))
        {
            return app;
        }

        var port = app.Configuration.GetValue<int?>("Metrics:Port");
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == Path && Allowed(context.Connection, port));
        return app;
    }

    /// <summary>On the metrics port when one is set; else only from this machine (an in-process test host has no address).</summary>
    internal static bool Allowed(ConnectionInfo connection, int? port) =>
        port is { } p ? connection.LocalPort == p : connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress);
}
