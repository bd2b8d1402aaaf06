using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> b)
    {
        b.Property(x => x.FullName).HasMaxLength(User.FullNameMaxLength).IsRequired();
        b.Property(x => x.SearchName).HasMaxLength(User.FullNameMaxLength).IsRequired();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Roles).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Roles).HasField("roles").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => x.SearchName);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> b)
    {
        b.ToTable("accounts_role_assignments");
        b.HasKey(x => x.Id);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UserId, x.Role }).IsUnique();
    }
}

internal sealed class AccountSessionConfiguration : IEntityTypeConfiguration<AccountSession>
{
    public void Configure(EntityTypeBuilder<AccountSession> b)
    {
        b.ToTable("accounts_sessions");
        b.HasKey(x => x.Id);
        b.Property(x => x.Client).HasMaxLength(AccountSession.ClientMaxLength);
        b.Property(x => x.EndReason).HasConversion<string>().HasMaxLength(20);
        b.HasOne<User>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.EndedAt });
    }
}
