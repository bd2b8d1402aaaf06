using System.CommandLine;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Sipar.Infrastructure.Cli;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Operations;

/// <summary>Health endpoints, OpenAPI, and the operator's verbs: migrate, backup, restore.</summary>
internal static class OperationsModule
{
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        builder.Services.AddHostedService<StartupBanner>();
        builder.Services.AddHostedService<SqliteInstanceLock>();
        return builder;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    public static Command Commands(CliContext cli)
    {
        var migrate = new Command("migrate", "Cập nhật cấu trúc cơ sở dữ liệu / apply database migrations");
        migrate.SetAction(async (_, ct) => await cli.RunAsync(async services =>
        {
            await DatabaseMigrator.MigrateAndSeedAsync(services, migrate: true, ct);
            await cli.Out.WriteLineAsync("Đã cập nhật cơ sở dữ liệu. / Database is up to date.");
            return 0;
        }, ct, migrate: false));
        return migrate;
    }

    public static IEnumerable<Command> BackupCommands(CliContext cli)
    {
        var backupFile = new Argument<FileInfo>("file") { Description = "Tệp sao lưu / backup file" };
        var backup = new Command("backup", "Sao lưu trực tuyến cơ sở dữ liệu SQLite / online backup of the SQLite database (PostgreSQL: pg_dump)") { backupFile };
        backup.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            if (!IsSqlite(services, cli))
            {
                return 3;
            }

            var file = parse.GetValue(backupFile)!;
            await SqliteBackup.BackupAsync(LiveConnectionString(services), file.FullName);
            await cli.Out.WriteLineAsync($"Đã sao lưu vào / backed up to {file.FullName}");
            return 0;
        }, ct));

        var restoreFile = new Argument<FileInfo>("file") { Description = "Tệp sao lưu / backup file" };
        var restore = new Command("restore", "Khôi phục từ tệp sao lưu (dừng ứng dụng trước) / restore from a backup (stop the app first)") { restoreFile };
        restore.SetAction(async (parse, ct) => await cli.RunAsync(async services =>
        {
            if (!IsSqlite(services, cli))
            {
                return 3;
            }

            var file = parse.GetValue(restoreFile)!;
            var problem = SqliteBackup.Check(file.FullName);
            if (problem is not null)
            {
                await cli.Error.WriteLineAsync(problem);
                return 2;
            }

            // A running Sipar would keep writing to the database being replaced: refuse until it is stopped.
            using var running = SqliteInstanceLock.TryAcquire(LiveConnectionString(services));
            if (running is null)
            {
                await cli.Error.WriteLineAsync("Sipar đang chạy với cơ sở dữ liệu này. Hãy dừng ứng dụng rồi khôi phục. / Sipar is running on this database: stop it before restoring.");
                return 4;
            }

            var safety = await SqliteBackup.RestoreAsync(LiveConnectionString(services), file.FullName);
            await DatabaseMigrator.MigrateAndSeedAsync(services, migrate: true, ct);
            await cli.Out.WriteLineAsync($"Đã khôi phục từ / restored from {file.FullName}");
            await cli.Out.WriteLineAsync($"Bản trước khi khôi phục / the database before restoring: {safety}");
            return 0;
        }, ct, migrate: false));
        return [backup, restore];
    }

    private static bool IsSqlite(IServiceProvider services, CliContext cli)
    {
        if (services.GetRequiredService<DatabaseOptions>().Provider == DatabaseProvider.Sqlite)
        {
            return true;
        }

        cli.Error.WriteLine("Với PostgreSQL, dùng pg_dump / pg_restore (xem README). / With PostgreSQL use pg_dump / pg_restore (see README).");
        return false;
    }

    private static string LiveConnectionString(IServiceProvider services) =>
        DataModule.SqliteConnectionString(services.GetRequiredService<IConfiguration>());
}

/// <summary>SQLite's online backup API: a consistent copy while the app keeps running.</summary>
internal static class SqliteBackup
{
    public static async Task BackupAsync(string liveConnectionString, string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await using var source = new SqliteConnection(liveConnectionString);
        await source.OpenAsync();
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await target.OpenAsync();
        source.BackupDatabase(target);
    }

    /// <summary>Null when <paramref name="file"/> is a Sipar SQLite database; otherwise why not, in Vietnamese.</summary>
    public static string? Check(string file)
    {
        if (!File.Exists(file))
        {
            return $"Không tìm thấy tệp {file}.";
        }

        var header = new byte[16];
        using (var stream = File.OpenRead(file))
        {
            if (stream.Read(header, 0, 16) < 16 || !System.Text.Encoding.ASCII.GetString(header).StartsWith("SQLite format 3", StringComparison.Ordinal))
            {
                return "Tệp không phải là bản sao lưu SQLite của Sipar.";
            }
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 1
            ? null
            : "Tệp không phải là bản sao lưu SQLite của Sipar.";
    }

    /// <summary>Copies the backup over the live database, keeping a copy of the live one first. Returns that copy's path.</summary>
    public static async Task<string> RestoreAsync(string liveConnectionString, string file)
    {
        var live = new SqliteConnectionStringBuilder(liveConnectionString).DataSource;
        var safety = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(live))!, $"truoc-khoi-phuc-{DateTime.UtcNow:yyyyMMddHHmmss}.db");
        await BackupAsync(liveConnectionString, safety);
        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync();
        await using var target = new SqliteConnection(liveConnectionString);
        await target.OpenAsync();
        source.BackupDatabase(target);
        SqliteConnection.ClearAllPools();
        return safety;
    }
}

/// <summary>
/// While the web app runs on a SQLite database it holds an exclusive lock on <c>&lt;database&gt;.running</c> beside it,
/// so <c>sipar restore</c> can tell that the database is in use and refuse. The lock is the operating system's (it
/// goes with the process, however the process ends).
/// </summary>
internal sealed partial class SqliteInstanceLock(IConfiguration configuration, DatabaseOptions database, ILogger<SqliteInstanceLock> logger) : IHostedService, IDisposable
{
    private FileStream? held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            held = TryAcquire(DataModule.SqliteConnectionString(configuration));
            if (held is null)
            {
                LogAlreadyRunning(logger);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }

    /// <summary>The lock for the database of <paramref name="sqliteConnectionString"/>, or null when a running Sipar holds it.</summary>
    public static FileStream? TryAcquire(string sqliteConnectionString)
    {
        var path = Path.GetFullPath(new SqliteConnectionStringBuilder(sqliteConnectionString).DataSource) + ".running";
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another Sipar already runs on this SQLite database")]
    private static partial void LogAlreadyRunning(ILogger logger);
}

/// <summary>Logs where Sipar listens.</summary>
internal sealed partial class StartupBanner(IHostApplicationLifetime lifetime, IServer server, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                LogListening(logger, address);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Sipar is listening on {Address}")]
    private static partial void LogListening(ILogger logger, string address);
}
