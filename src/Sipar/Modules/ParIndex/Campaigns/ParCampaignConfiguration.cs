using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

internal sealed class ParCampaignConfiguration : IEntityTypeConfiguration<ParCampaign>
{
    public void Configure(EntityTypeBuilder<ParCampaign> b)
    {
        b.ToTable("par_campaigns");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(ParCampaign.NameMaxLength).IsRequired();
        b.Property(x => x.Recipients).HasMaxLength(ParCampaign.RecipientsMaxLength);
        b.Property(x => x.Bands).HasMaxLength(ParCampaign.BandsMaxLength).IsRequired();
        b.Ignore(x => x.BandList);
        b.Property(x => x.SurveyLinks).HasMaxLength(ParCampaign.SurveyLinksMaxLength);
        b.Ignore(x => x.SurveyLinkList);
        b.HasIndex(x => x.Year);
    }
}

internal sealed class ParAssessmentConfiguration : IEntityTypeConfiguration<ParAssessment>
{
    public void Configure(EntityTypeBuilder<ParAssessment> b)
    {
        b.ToTable("par_assessments");
        b.HasKey(x => x.Id);
        b.Property(x => x.Difficulties).HasMaxLength(ParAssessment.TextMaxLength);
        b.Property(x => x.Proposals).HasMaxLength(ParAssessment.TextMaxLength);
        b.HasOne<ParCampaign>().WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Framework>().WithMany().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Scores).WithOne().HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Scores).HasField("scores").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.CampaignId, x.AgencyId }).IsUnique();
    }
}

internal sealed class ParScoreConfiguration : IEntityTypeConfiguration<ParScore>
{
    public void Configure(EntityTypeBuilder<ParScore> b)
    {
        b.ToTable("par_scores");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(20).IsRequired();
        b.Property(x => x.MaxPoints).HasPrecision(7, 2);
        b.Property(x => x.SelfPoints).HasPrecision(7, 2);
        b.Property(x => x.AppraisedPoints).HasPrecision(7, 2);
        b.Property(x => x.Source).HasMaxLength(50);
        b.Property(x => x.Rule).HasMaxLength(500);
        b.Property(x => x.Explanation).HasMaxLength(ParAssessment.TextMaxLength);
        b.Property(x => x.Snapshot).HasMaxLength(200_000);
        b.Property(x => x.AppraisalReason).HasMaxLength(ParAssessment.TextMaxLength);
        b.Property(x => x.ExplanationRequest).HasMaxLength(ParAssessment.TextMaxLength);
        b.Property(x => x.ExplanationAnswer).HasMaxLength(ParAssessment.TextMaxLength);
        b.HasOne<FrameworkItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.ScoreId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Evidence).HasField("evidence").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.AssessmentId, x.Code }).IsUnique();
        b.Ignore(x => x.IsDeduction);
        b.Ignore(x => x.IsComputedFromData);
        b.Ignore(x => x.NeedsExplanation);
    }
}

internal sealed class ParEvidenceConfiguration : IEntityTypeConfiguration<ParEvidence>
{
    public void Configure(EntityTypeBuilder<ParEvidence> b)
    {
        b.ToTable("par_evidence");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(ParEvidence.TitleMaxLength).IsRequired();
        b.Property(x => x.FileName).HasMaxLength(255);
        b.Property(x => x.ContentType).HasMaxLength(100);
        b.Property(x => x.StorageKey).HasMaxLength(200);
        b.Property(x => x.Sha256).HasMaxLength(64);
    }
}
