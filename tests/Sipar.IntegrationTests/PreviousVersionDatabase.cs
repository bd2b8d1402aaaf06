using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Sipar.Infrastructure.Data;
using Sipar.Testing;

namespace Sipar.IntegrationTests;

/// <summary>
/// A database of its own on the factory's provider, migrated to just before one migration: rows are written as the
/// previous version wrote them (a bare context, no interceptors), then <see cref="MigrateAsync"/> upgrades it. Dropped
/// (PostgreSQL) or deleted (SQLite) when disposed.
/// </summary>
internal sealed class PreviousVersionDatabase : IAsyncDisposable
{
    private readonly string name;
    private readonly string? file;
    private readonly IMigrator migrator;

    private PreviousVersionDatabase(string name, string? file, SiparDbContext db)
    {
        this.name = name;
        this.file = file;
        Db = db;
        migrator = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<IMigrator>(db);
    }

    public SiparDbContext Db { get; }

    public bool Postgres => file is null;

    /// <summary>A new database migrated up to the migration before the one whose name ends with <paramref name="migration"/>.</summary>
    public static async Task<PreviousVersionDatabase> BeforeAsync(SiparFactory app, string migration)
    {
        ArgumentNullException.ThrowIfNull(app);
        var name = $"sipar_upgrade_{Guid.NewGuid():N}"[..24];
        PreviousVersionDatabase database;
        if (app is PostgresFactory)
        {
            await ServerAsync($"CREATE DATABASE \"{name}\"");
            database = new(name, null, new PostgresSiparDbContext(new DbContextOptionsBuilder<PostgresSiparDbContext>()
                .UseNpgsql(new Npgsql.NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Database = name }.ConnectionString).Options));
        }
        else
        {
            var file = Path.Combine(app.DataDirectory, name + ".db");
            database = new(name, file, new SqliteSiparDbContext(new DbContextOptionsBuilder<SqliteSiparDbContext>().UseSqlite($"Data Source={file};Pooling=False").Options));
        }

        var migrations = database.Db.Database.GetMigrations().ToList();
        await database.migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal)) - 1]);
        return database;
    }

    /// <summary>Upgrades to this version.</summary>
    public async Task MigrateAsync()
    {
        await migrator.MigrateAsync();
        Db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (file is null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        else
        {
            File.Delete(file);
        }
    }

    private static async Task ServerAsync(string sql)
    {
        await using var server = new Npgsql.NpgsqlConnection(PostgresFactory.ServerConnectionString);
        await server.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, server);
        await command.ExecuteNonQueryAsync();
    }
}
