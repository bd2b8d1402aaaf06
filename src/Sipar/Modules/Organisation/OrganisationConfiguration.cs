using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sipar.Modules.Organisation;

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<Agency>
{
    public void Configure(EntityTypeBuilder<Agency> b)
    {
        b.ToTable("org_agencies");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Agency.NameMaxLength).IsRequired();
        b.Property(x => x.Symbol).HasMaxLength(Agency.SymbolMaxLength).IsRequired();
        b.Property(x => x.ReportRecipients).HasMaxLength(Agency.RecipientsMaxLength);
        b.Property(x => x.Hotline).HasMaxLength(Agency.HotlineMaxLength);
        b.Property(x => x.Email).HasMaxLength(Agency.EmailMaxLength);
        b.Property(x => x.PlaceName).HasMaxLength(Agency.PlaceMaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion(k => k.Code, s => new AgencyKind(s)).HasMaxLength(AgencyKind.CodeMaxLength);
        b.Property(x => x.SearchName).HasMaxLength(Agency.NameMaxLength).IsRequired();
        b.HasIndex(x => x.SearchName).IsUnique();
    }
}

internal sealed class AgencyKindConfiguration : IEntityTypeConfiguration<AgencyKindEntry>
{
    public void Configure(EntityTypeBuilder<AgencyKindEntry> b)
    {
        b.ToTable("org_agency_kinds");
        b.HasKey(x => x.Kind);
        b.Property(x => x.Kind).HasConversion(k => k.Code, s => new AgencyKind(s)).HasMaxLength(AgencyKind.CodeMaxLength);
        b.Property(x => x.Name).HasMaxLength(AgencyKindEntry.NameMaxLength).IsRequired();
        b.HasData(AgencyKindEntry.BuiltIn.Select(k => new { k.Kind, k.Name, k.Until, k.SortOrder }));
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("org_units");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Unit.NameMaxLength).IsRequired();
        b.Property(x => x.ShortName).HasMaxLength(Unit.ShortNameMaxLength);
        b.Property(x => x.SearchName).HasMaxLength(Unit.NameMaxLength).IsRequired();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.AgencyId, x.SearchName }).IsUnique();
    }
}
