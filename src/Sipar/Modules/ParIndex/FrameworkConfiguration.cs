using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

internal sealed class FrameworkConfiguration : IEntityTypeConfiguration<Framework>
{
    public void Configure(EntityTypeBuilder<Framework> b)
    {
        b.ToTable("par_frameworks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Framework.NameMaxLength).IsRequired();
        b.Property(x => x.SearchName).HasMaxLength(Framework.NameMaxLength).IsRequired();
        b.Property(x => x.DeclaredTotal).HasPrecision(7, 2);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).HasField("items").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Property(x => x.AgencyKind).HasConversion(k => k.Code, s => new AgencyKind(s)).HasMaxLength(AgencyKind.CodeMaxLength);
        b.HasIndex(x => new { x.Year, x.AgencyKind, x.SearchName }).IsUnique();
        // A plain indexed column, not a foreign key: adding one to an existing SQLite table would rebuild it.
        b.HasIndex(x => x.PreviousFrameworkId);
    }
}

internal sealed class FrameworkItemConfiguration : IEntityTypeConfiguration<FrameworkItem>
{
    public void Configure(EntityTypeBuilder<FrameworkItem> b)
    {
        b.ToTable("par_framework_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(FrameworkItem.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(FrameworkItem.NameMaxLength).IsRequired();
        b.Property(x => x.MaxPoints).HasPrecision(7, 2);
        b.Property(x => x.RuleText).HasMaxLength(FrameworkItem.RuleTextMaxLength);
        b.Property(x => x.Rule).HasMaxLength(FrameworkItem.RuleMaxLength);
        b.Property(x => x.Evidence).HasMaxLength(FrameworkItem.EvidenceMaxLength);
        b.Property(x => x.Source).HasMaxLength(FrameworkItem.SourceMaxLength);
        b.Property(x => x.PreviousCodes).HasMaxLength(FrameworkItem.PreviousCodesMaxLength);
        b.HasOne<FrameworkItem>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.FrameworkId, x.Code }).IsUnique();
    }
}

internal sealed class ParYearConfiguration : IEntityTypeConfiguration<ParYear>
{
    public void Configure(EntityTypeBuilder<ParYear> b)
    {
        b.ToTable("par_years");
        b.HasKey(x => x.Year);
        b.Property(x => x.Year).ValueGeneratedNever();
        b.Property(x => x.Bands).HasMaxLength(ParCampaign.BandsMaxLength);
    }
}

internal sealed class ParAgencyYearConfiguration : IEntityTypeConfiguration<ParAgencyYear>
{
    public void Configure(EntityTypeBuilder<ParAgencyYear> b)
    {
        b.ToTable("par_agency_years");
        b.HasKey(x => x.Id);
        b.Property(x => x.NotApplicable).HasMaxLength(ParAgencyYear.NotApplicableMaxLength);
        b.Property(x => x.Maximum).HasPrecision(7, 2);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Year, x.AgencyId }).IsUnique();
    }
}

internal sealed class ParResultConfiguration : IEntityTypeConfiguration<ParResult>
{
    public void Configure(EntityTypeBuilder<ParResult> b)
    {
        b.ToTable("par_results");
        b.HasKey(x => x.Id);
        b.Property(x => x.CriterionCode).HasMaxLength(20).IsRequired();
        b.Property(x => x.Points).HasPrecision(7, 2);
        b.HasOne<Organisation.Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.Year, x.AgencyId, x.CriterionCode }).IsUnique();

        // A plain indexed column, not a foreign key, so SQLite adds it without rebuilding the table (as the framework's previous-year link).
        b.HasIndex(x => x.CampaignId);
    }
}
