using Microsoft.Extensions.Configuration;
using BenchmarkDotNet.Running;
using Microsoft.Extensions.DependencyInjection;
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

        // bench/dossiers.sh: seed-dossiers <count> | dossier-indicators <iterations> <year> | dossier-export <agency> <file> <rows> | bare-lookup <url> <connection> [page], each with the app's settings after.
        if (args.Length > 1 && args[0] is "seed-dossiers" or "dossier-indicators" or "dossier-export")
        {
            var settings = args[0] == "dossier-export" ? args[4..] : args[0] == "dossier-indicators" ? args[3..] : args[2..];
            await using var app = Program.CreateApp([.. settings, "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
            await DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None);
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            switch (args[0])
            {
                case "seed-dossiers":
                    var (agency, symbol, code, secret) = await DossierBench.SeedAsync(app.Services, int.Parse(args[1], invariant));
                    Console.WriteLine($"{agency} {symbol} {code} {secret}");
                    return 0;
                case "dossier-indicators":
                    var connection = app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>().GetConnectionString("Sipar")!;
                    return await DossierBench.IndicatorsAsync(app.Services, connection, int.Parse(args[1], invariant), int.Parse(args[2], invariant));
                default:
                    await DossierBench.WriteExportAsync(app.Services, Guid.Parse(args[1]), args[2], int.Parse(args[3], invariant));
                    return 0;
            }
        }

        // bench/sipas.sh: sipas-seed <responses> <tokens> <tokens file> | sipas-indices <wave> <iterations>, each with the app's settings after.
        if (args.Length > 2 && args[0] is "sipas-seed" or "sipas-indices")
        {
            var settings = args[0] == "sipas-seed" ? args[4..] : args[3..];
            await using var app = Program.CreateApp([.. settings, "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
            await DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None);
            var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Sipar")!;
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            if (args[0] == "sipas-seed")
            {
                var (wave, _) = await SipasBench.SeedAsync(app.Services, connection, int.Parse(args[1], invariant), int.Parse(args[2], invariant), args[3]);
                Console.WriteLine(wave);
                return 0;
            }

            return await SipasBench.IndicesAsync(app.Services, connection, Guid.Parse(args[1]), int.Parse(args[2], invariant));
        }

        // bench/feedback.sh: feedback-seed <items> | feedback-indicators <agency> <iterations> | feedback-challenges <count> <file>, each with the app's settings after.
        if (args.Length > 2 && args[0] is "feedback-seed" or "feedback-indicators" or "feedback-challenges")
        {
            var settings = args[0] == "feedback-seed" ? args[2..] : args[3..];
            await using var app = Program.CreateApp([.. settings, "--Sipar:Demo=false", "--Logging:LogLevel:Default=Warning"]);
            await DatabaseMigrator.MigrateAndSeedAsync(app.Services, migrate: true, CancellationToken.None);
            var connection = app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Sipar")!;
            var invariant = System.Globalization.CultureInfo.InvariantCulture;
            switch (args[0])
            {
                case "feedback-seed":
                    Console.WriteLine(await FeedbackBench.SeedAsync(app.Services, connection, int.Parse(args[1], invariant)));
                    return 0;
                case "feedback-indicators":
                    return await FeedbackBench.IndicatorsAsync(app.Services, connection, Guid.Parse(args[1]), int.Parse(args[2], invariant));
                default:
                    await FeedbackBench.WriteChallengesAsync(app.Services, int.Parse(args[1], invariant), args[2]);
                    return 0;
            }
        }

        if (args.Length > 2 && args[0] == "bare-intake")
        {
            await FeedbackBench.BareIntakeAsync(args[1], args[2]);
            return 0;
        }

        if (args.Length > 2 && args[0] == "bare-submit")
        {
            await SipasBench.BareSubmitAsync(args[1], args[2]);
            return 0;
        }

        if (args.Length > 2 && args[0] == "bare-lookup")
        {
            await DossierBench.BareLookupAsync(args[1], args[2], args.Length > 3 ? args[3] : null);
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(CalendarBenchmarks).Assembly).Run(args);
        return 0;
    }
}
