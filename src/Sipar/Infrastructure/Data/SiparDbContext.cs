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

        // Optimistic concurrency on aggregate roots: a version column (the same on both providers) checked on update.
        foreach (var root in builder.Model.GetEntityTypes().Where(e => typeof(IAggregateRoot).IsAssignableFrom(e.ClrType)).ToList())
        {
            builder.Entity(root.ClrType).Property<int>(VersionProperty).IsConcurrencyToken();
        }

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

    public const string VersionProperty = "Version";

    /// <summary>
    /// Checks that <paramref name="root"/> is still at <paramref name="version"/> (from the form the person posted) and
    /// makes the next save check it again: a change made by someone else in between, or at the same moment, is a conflict.
    /// </summary>
    public void ExpectVersion(IAggregateRoot root, int? version)
    {
        if (version is { } v)
        {
            // Changed since the form was loaded: say so at once, before any other rule speaks of the new state.
            var property = Entry(root).Property(VersionProperty);
            if ((int)property.OriginalValue! != v)
            {
                throw new DbUpdateConcurrencyException("The root was changed since version " + v.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            property.IsModified = true;
        }
    }

    /// <summary>The stored version of a root (for pages and API answers read without tracking).</summary>
    public Task<int> StoredVersionAsync<T>(Guid id, CancellationToken ct)
        where T : class, IAggregateRoot =>
        Set<T>().Where(e => EF.Property<Guid>(e, "Id") == id).Select(e => EF.Property<int>(e, VersionProperty)).FirstOrDefaultAsync(ct);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        PrepareSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        PrepareSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Before every save: texts fit their columns, and changed roots raise their version.</summary>
    private void PrepareSave()
    {
        ChangeTracker.DetectChanges();
        CheckLengths();
        foreach (var entry in ChangeTracker.Entries<IAggregateRoot>().Where(e => e.State == EntityState.Modified))
        {
            var version = entry.Property(VersionProperty);
            version.CurrentValue = (int)version.OriginalValue! + 1;
        }
    }

    /// <summary>
    /// Every text written fits its column, checked against the column's own length before anything is sent: SQLite
    /// would store more than PostgreSQL accepts, PostgreSQL would answer with an error. A text too long is a Vietnamese
    /// message on the page (its summary: the column is not always one field of the form), never a 500 and never cut.
    /// </summary>
    private void CheckLengths()
    {
        var errors = new List<Errors.FieldError>();
        foreach (var entry in ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified))
        {
            foreach (var property in entry.Properties.Where(p => p.Metadata.ClrType == typeof(string) && (entry.State == EntityState.Added || p.IsModified)))
            {
                if (property.Metadata.GetMaxLength() is { } max && property.CurrentValue is string text && text.Length > max)
                {
                    errors.Add(new Errors.FieldError("", "Error.TextTooLong", max));
                }
            }
        }

        if (errors.Count > 0)
        {
            throw new Errors.DomainValidationException(errors);
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
