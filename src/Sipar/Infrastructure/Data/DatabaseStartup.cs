using Microsoft.EntityFrameworkCore;

namespace Sipar.Infrastructure.Data;

/// <summary>Seeds data the product needs (official calendars) or the demo wants. Runs after migrations, in <see cref="Order"/>.</summary>
public interface IDatabaseSeeder
{
    int Order { get; }

    Task SeedAsync(SiparDbContext db, CancellationToken cancellationToken);
}

/// <summary>Brings the schema up to date and runs the seeders. Used by <c>serve</c> at start and by <c>sipar migrate</c>.</summary>
internal static partial class DatabaseMigrator
{
    public static async Task MigrateAndSeedAsync(IServiceProvider services, bool migrate, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SiparDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Sipar.Database");

        if (migrate)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, pending.Count, db.Database.ProviderName ?? "?");
            if (db.Database.IsSqlite())
            {
                // WAL lets readers go on while one writer writes, and makes online backups cheap.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
        }
        else if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            LogPending(logger);
            return;
        }

        foreach (var seeder in scope.ServiceProvider.GetServices<IDatabaseSeeder>().OrderBy(s => s.Order))
        {
            try
            {
                await seeder.SeedAsync(db, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or Errors.DomainValidationException)
            {
                // Another instance starting at the same moment seeded first; its data stands.
                LogSeedConflict(logger, seeder.GetType().Name, e.Message);
                db.ChangeTracker.Clear();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Seeder} found its data already written by another instance: {Reason}")]
    private static partial void LogSeedConflict(ILogger logger, string seeder, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database ready ({Provider}): {Count} migration(s) applied")]
    private static partial void LogMigrated(ILogger logger, int count, string provider);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database has pending migrations; run 'sipar migrate'. Seeding skipped.")]
    private static partial void LogPending(ILogger logger);
}

internal sealed class DatabaseStartup(IServiceProvider services, DatabaseOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        DatabaseMigrator.MigrateAndSeedAsync(services, options.ShouldMigrateOnStart, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
