using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Plans;

namespace Sipar.Benchmarks;

/// <summary>The consolidated .docx for a plan with 300 tasks, 40 units and 4 periods, on SQLite (target &lt; 2 s).</summary>
[MemoryDiagnoser]
public class DocumentBenchmarks
{
    private WebApplication app = null!;
    private BenchData.Seeded data = null!;
    private string directory = "";

    [GlobalSetup]
    public void Setup()
    {
        directory = Path.Combine(Path.GetTempPath(), "sipar-bench-" + Guid.NewGuid().ToString("N"));
        app = Program.CreateApp([$"--Sipar:DataDirectory={directory}", "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
        DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None).GetAwaiter().GetResult();
        data = BenchData.SeedAsync(app.Services).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    [Benchmark(Description = "consolidated .docx (300 tasks, 40 units, 4 periods)")]
    public async Task<int> ConsolidatedDocx()
    {
        await using var scope = app.Services.CreateAsyncScope();
        BenchData.ActAsOffice(scope.ServiceProvider, data.AgencyId);
        var (_, content) = await scope.ServiceProvider.GetRequiredService<Consolidation>().DocxAsync(data.PeriodId, CancellationToken.None);
        return content.Length;
    }

    [Benchmark(Description = "plan .docx (300 tasks)")]
    public async Task<int> PlanDocx()
    {
        await using var scope = app.Services.CreateAsyncScope();
        BenchData.ActAsOffice(scope.ServiceProvider, data.AgencyId);
        var (_, content) = await scope.ServiceProvider.GetRequiredService<PlanExports>().PlanDocxAsync(data.PlanId, CancellationToken.None);
        return content.Length;
    }
}
