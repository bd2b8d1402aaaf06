using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sipar.Modules.Accounts;

namespace Sipar.Infrastructure.Data;

/// <summary>
/// The one model of Sipar. Each provider has a thin subclass (<see cref="SqliteSiparDbContext"/>,
/// <see cref="PostgresSiparDbContext"/>) that only passes options, so each keeps its own migrations.
/// Entity mappings live beside their entities in the modules and are picked up from this assembly.
/// </summary>
public abstract class SiparDbContext(DbContextOptions options)
    : IdentityDbContext<User, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity tables keep their shape but take the module prefix used everywhere else.
        builder.Entity<User>().ToTable("accounts_users");
        builder.Entity<IdentityRole<Guid>>().ToTable("accounts_roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("accounts_user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("accounts_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("accounts_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("accounts_user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("accounts_role_claims");
        builder.Entity<DataProtectionKey>().ToTable("infra_data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(SiparDbContext).Assembly);

        // Entities make their own keys (Guid v7) in their factories, so a child added to a tracked parent's
        // collection is an insert, never mistaken for an update of an existing row.
        foreach (var key in builder.Model.GetEntityTypes().Select(e => e.FindPrimaryKey()).OfType<Microsoft.EntityFrameworkCore.Metadata.IMutableKey>())
        {
            foreach (var property in key.Properties.Where(p => p.ClrType == typeof(Guid)))
            {
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Enums are stored by name: readable in SQL, stable when members are reordered.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

/// <summary>SQLite: the embedded default. Migrations in Infrastructure/Data/Migrations/Sqlite.</summary>
public sealed class SqliteSiparDbContext(DbContextOptions<SqliteSiparDbContext> options) : SiparDbContext(options);

/// <summary>PostgreSQL: production. Migrations in Infrastructure/Data/Migrations/Postgres.</summary>
public sealed class PostgresSiparDbContext(DbContextOptions<PostgresSiparDbContext> options) : SiparDbContext(options);
