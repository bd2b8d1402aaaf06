using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sipar.Infrastructure.Data;

internal static class DataModule
{
    /// <summary>
    /// Registers <see cref="SiparDbContext"/> on the configured provider. <c>Database:Provider</c> is
    /// <c>Sqlite</c> (default; a file in <c>Sipar:DataDirectory</c>) or <c>Postgres</c> (<c>ConnectionStrings:Sipar</c>).
    /// </summary>
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(options);

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                var pg = builder.Configuration.GetConnectionString("Sipar");
                if (string.IsNullOrWhiteSpace(pg))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:Sipar is empty. / Chưa cấu hình chuỗi kết nối ConnectionStrings:Sipar.");
                }

                pg = PostgresConnectionString(pg);
                builder.Services.AddDbContext<SiparDbContext, PostgresSiparDbContext>((sp, o) =>
                    o.UseNpgsql(pg).AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                var cs = SqliteConnectionString(builder.Configuration);
                builder.Services.AddDbContext<SiparDbContext, SqliteSiparDbContext>((sp, o) =>
                    o.UseSqlite(cs).AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
        }

        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddDbContextCheck<SiparDbContext>("database", tags: ["ready"]);

        // Keys in the database: every instance behind a load balancer reads the same keys, so logins survive.
        builder.Services.AddDataProtection().SetApplicationName("Sipar").PersistKeysToDbContext<SiparDbContext>();
        return builder;
    }

    /// <summary>
    /// The configured PostgreSQL connection string, with <c>No Reset On Close</c> on unless it is set: Sipar keeps no
    /// session state on a pooled connection (temporary tables drop at commit, no session locks or settings), so the
    /// <c>DISCARD ALL</c> Npgsql would otherwise send on every reuse is a wasted statement per query — a public lookup
    /// paid one for each of its two queries.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        // Npgsql reads a keyword with or without its spaces ("No Reset On Close", "NoResetOnClose"); so is it looked for.
        var keywords = configured.Replace(" ", "", StringComparison.Ordinal);
        if (!keywords.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        if (!keywords.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
        }

        return builder.ConnectionString;
    }

    public static string DataDirectory(IConfiguration configuration)
    {
        var dir = configuration["Sipar:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(dir) ? "data" : dir);
    }

    public static string SqliteConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Sipar");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var dir = DataDirectory(configuration);
        Directory.CreateDirectory(dir);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dir, "sipar.db"),
            Cache = SqliteCacheMode.Default,
            Pooling = true,
        }.ToString();
    }
}
