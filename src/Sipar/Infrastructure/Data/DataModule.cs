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
