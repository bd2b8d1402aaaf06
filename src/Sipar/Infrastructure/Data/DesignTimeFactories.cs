using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sipar.Infrastructure.Data;

// Used by 'dotnet ef' only (scripts/add-migration.sh): neither factory opens a connection.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSiparDbContext>
{
    public SqliteSiparDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSiparDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSiparDbContext>
{
    public PostgresSiparDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSiparDbContext>().UseNpgsql("Host=localhost;Database=sipar_design").Options);
}
