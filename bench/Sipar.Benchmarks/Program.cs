using BenchmarkDotNet.Running;
using Sipar.Infrastructure.Data;

namespace Sipar.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Sipar.Benchmarks -- --filter '*'</c> runs the benchmarks;
/// <c>… -- seed --Database:Provider=Postgres --ConnectionStrings:Sipar=…</c> seeds a large agency and prints the
/// unit officer's login (used by bench/my-tasks.sh).
/// </summary>
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "seed")
        {
            await using var app = Program.CreateApp([.. args[1..], "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
            await DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None);
            var seeded = await BenchData.SeedAsync(app.Services);
            // Last line: the unit officer's and the office's logins, then the plan and agency (bench/*.sh read it).
            Console.WriteLine($"{seeded.OfficerEmail} {seeded.OfficerPassword} {seeded.OfficeEmail} {seeded.OfficePassword} {seeded.PlanId} {seeded.AgencyId}");
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(CalendarBenchmarks).Assembly).Run(args);
        return 0;
    }
}
