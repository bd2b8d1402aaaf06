using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Modules.Organisation;
using Sipar.Modules.ParIndex;

namespace Sipar.Benchmarks;

/// <summary>
/// Recomputing results, ranks and year-over-year changes for 60 agencies × 120 criteria (target &lt; 200 ms):
/// in memory, and end to end from a SQLite database (load two years of results and frameworks, then compute).
/// </summary>
[MemoryDiagnoser]
public class ParResultsBenchmarks
{
    private const int Agencies = 60;
    private const int Areas = 8;
    private const int CriteriaPerArea = 15;

    private List<(Guid Id, string Name, AgencyKind Kind)> agencies = [];
    private YearInput current = null!;
    private YearInput previous = null!;
    private WebApplication? app;
    private string? dataDirectory;

    /// <summary>A framework of 8 areas × 15 criteria (120 criteria, 1 point each).</summary>
    internal static Framework Framework(int year)
    {
        var json = new StringBuilder("{\"total\":120,\"items\":[");
        for (var a = 1; a <= Areas; a++)
        {
            json.Append(CultureInfo.InvariantCulture, $"{{\"code\":\"{a}\",\"level\":\"Area\",\"name\":\"Lĩnh vực {a}\",\"maxPoints\":{CriteriaPerArea},\"method\":\"SelfAssessed\"}},");
            for (var c = 1; c <= CriteriaPerArea; c++)
            {
                json.Append(CultureInfo.InvariantCulture, $"{{\"code\":\"{a}.{c}\",\"level\":\"Criterion\",\"name\":\"Tiêu chí {a}.{c}\",\"maxPoints\":1,\"method\":\"SelfAssessed\"}},");
            }
        }

        json.Length--;
        json.Append("]}");
        return Sipar.Modules.ParIndex.Framework.FromFile(FrameworkReader.Read("f.json", Encoding.UTF8.GetBytes(json.ToString())), year, AgencyKind.Department, string.Create(CultureInfo.InvariantCulture, $"Bộ chỉ số {year}"), DateTime.UtcNow);
    }

    internal static Dictionary<string, decimal> Points(Framework framework, int seed)
    {
        var random = new Random(seed);
        return framework.Items.Where(i => i.Level == CriterionLevel.Criterion).ToDictionary(i => i.Code, _ => random.Next(0, 5) == 0 ? 0.5m : 1m);
    }

    [GlobalSetup(Target = nameof(InMemory))]
    public void SetupInMemory()
    {
        agencies = Enumerable.Range(1, Agencies).Select(i => (Guid.NewGuid(), string.Create(CultureInfo.InvariantCulture, $"Sở {i}"), AgencyKind.Department)).ToList();
        var before = Framework(2029);
        var after = before.CopyForYear(2030, "Bộ chỉ số 2030", DateTime.UtcNow);
        after.MapToPrevious("1.1", "1.1;1.2");   // a merge and a split, so the mapping is exercised
        after.MapToPrevious("1.2", "1.2");
        previous = new YearInput([before], agencies.Select((a, i) => (a.Id, Points(before, i))).ToDictionary(x => x.Id, x => (IReadOnlyDictionary<string, decimal>)x.Item2));
        current = new YearInput([after], agencies.Select((a, i) => (a.Id, Points(after, 1000 + i))).ToDictionary(x => x.Id, x => (IReadOnlyDictionary<string, decimal>)x.Item2));
    }

    [Benchmark(Description = "results + ranks + YoY, 60 agencies × 120 criteria (in memory)")]
    public int InMemory() => ResultsCalculator.Compute(agencies, current, previous, ParResults.DefaultBands, surveyHeld: true).Count;

    [GlobalSetup(Target = nameof(FromDatabase))]
    public void SetupDatabase()
    {
        dataDirectory = Path.Combine(Path.GetTempPath(), "sipar-bench-" + Guid.NewGuid().ToString("N"));
        app = Program.CreateApp([$"--Sipar:DataDirectory={dataDirectory}", "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
        DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None).GetAwaiter().GetResult();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
        var before = Framework(2029);
        var after = before.CopyForYear(2030, "Bộ chỉ số 2030", DateTime.UtcNow);
        db.AddRange(before, after);
        for (var i = 0; i < Agencies; i++)
        {
            var agency = Agency.Create(string.Create(CultureInfo.InvariantCulture, $"Sở thử {i}"), string.Create(CultureInfo.InvariantCulture, $"S{i}"), "Lạng Sơn", AgencyKind.Department);
            db.Add(agency);
            foreach (var (year, framework, seed) in new[] { (2029, before, i), (2030, after, 1000 + i) })
            {
                foreach (var (code, points) in Points(framework, seed))
                {
                    db.Add(ParResult.Imported(year, agency.Id, code, points, DateTime.UtcNow));
                }
            }
        }

        db.SaveChanges();
        db.ChangeTracker.Clear();
    }

    [Benchmark(Description = "load + results + ranks + YoY, 60 × 120, SQLite")]
    public async Task<int> FromDatabase()
    {
        await using var scope = app!.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ParResults>().ScorecardsAsync(2030, everything: true, CancellationToken.None)).Count;
    }

    [GlobalCleanup(Target = nameof(FromDatabase))]
    public async Task CleanupAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (dataDirectory is not null)
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
