using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Feedback;

internal sealed class FeedbackItemConfiguration : IEntityTypeConfiguration<FeedbackItem>
{
    public void Configure(EntityTypeBuilder<FeedbackItem> b)
    {
        b.ToTable("feedback_items");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(FeedbackItem.CodeLength).IsRequired();
        b.Property(x => x.LookupSecret).HasMaxLength(FeedbackItem.SecretLength).IsRequired();
        b.Property(x => x.ProcedureCode).HasMaxLength(50);
        b.Property(x => x.ProcedureName).HasMaxLength(500);
        b.Property(x => x.DossierCode).HasMaxLength(40);
        b.Property(x => x.Description).HasMaxLength(FeedbackItem.DescriptionMaxLength).IsRequired();
        b.Property(x => x.SenderName).HasMaxLength(FeedbackItem.NameMaxLength);
        b.Property(x => x.SenderPhone).HasMaxLength(FeedbackItem.PhoneMaxLength);
        b.Property(x => x.SenderEmail).HasMaxLength(FeedbackItem.EmailMaxLength);
        b.Property(x => x.ReferredTo).HasMaxLength(FeedbackItem.ReferMaxLength);
        b.Property(x => x.Answer).HasMaxLength(FeedbackItem.AnswerMaxLength);
        b.Property(x => x.PublicQuestion).HasMaxLength(FeedbackItem.DescriptionMaxLength);
        b.Property(x => x.PublicAnswer).HasMaxLength(FeedbackItem.AnswerMaxLength);
        b.Property(x => x.RatingReason).HasMaxLength(FeedbackItem.NoteMaxLength);
        b.Property(x => x.SearchText).HasMaxLength(5000).IsRequired();
        b.Property(x => x.PublicText).HasMaxLength(13000).IsRequired();
        b.Ignore(x => x.CurrentDue);
        b.Ignore(x => x.IsOpen);
        b.Ignore(x => x.WillPublish);
        b.Ignore(x => x.CanRate);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.AgencyId, x.ReceivedOn });
        b.HasIndex(x => new { x.AgencyId, x.Status });
        b.HasIndex(x => new { x.Published, x.PublishedAt });
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(s => s.FeedbackId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(a => a.FeedbackId).OnDelete(DeleteBehavior.Restrict);
        b.Navigation(x => x.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Attachments).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FeedbackCategory>().WithMany().HasForeignKey(x => x.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FeedbackStepConfiguration : IEntityTypeConfiguration<FeedbackStep>
{
    public void Configure(EntityTypeBuilder<FeedbackStep> b)
    {
        b.ToTable("feedback_steps");
        b.HasKey(x => x.Id);
        b.Property(x => x.Note).HasMaxLength(FeedbackItem.NoteMaxLength + FeedbackItem.ReferMaxLength + 3);
        b.HasIndex(x => new { x.FeedbackId, x.Order }).IsUnique();
    }
}

internal sealed class FeedbackAttachmentConfiguration : IEntityTypeConfiguration<FeedbackAttachment>
{
    public void Configure(EntityTypeBuilder<FeedbackAttachment> b)
    {
        b.ToTable("feedback_attachments");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(100).IsRequired();
        b.Property(x => x.StorageKey).HasMaxLength(200).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.HasIndex(x => x.FeedbackId);
    }
}

internal sealed class FeedbackCategoryConfiguration : IEntityTypeConfiguration<FeedbackCategory>
{
    public void Configure(EntityTypeBuilder<FeedbackCategory> b)
    {
        b.ToTable("feedback_categories");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(FeedbackCategory.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(FeedbackCategory.NameMaxLength).IsRequired();
        b.Property(x => x.NameEn).HasMaxLength(FeedbackCategory.NameMaxLength).IsRequired();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasData(FeedbackCategory.Defaults);
    }
}

internal sealed class FeedbackPlanLinkConfiguration : IEntityTypeConfiguration<FeedbackPlanLink>
{
    public void Configure(EntityTypeBuilder<FeedbackPlanLink> b)
    {
        b.ToTable("feedback_plan_links");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasMaxLength(20).IsRequired();
        b.Property(x => x.Key).HasMaxLength(60).IsRequired();
        b.Property(x => x.Text).HasMaxLength(1000).IsRequired();
        b.HasIndex(x => new { x.AgencyId, x.Year, x.Kind, x.Key }).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A recurring topic already turned into a plan task ("once"): agency, plan year, category or procedure.</summary>
internal sealed class FeedbackPlanLink
{
    private FeedbackPlanLink()
    {
    }

    public FeedbackPlanLink(Guid agencyId, int year, string kind, string key, string text, Guid? planId, Guid? taskId, DateTime at, Guid? by)
    {
        Id = Guid.CreateVersion7();
        AgencyId = agencyId;
        Year = year;
        Kind = kind;
        Key = key;
        Text = text;
        PlanId = planId;
        TaskId = taskId;
        At = at;
        By = by;
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public int Year { get; private set; }

    public string Kind { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string Text { get; private set; } = "";

    public Guid? PlanId { get; private set; }

    public Guid? TaskId { get; private set; }

    public DateTime At { get; private set; }

    public Guid? By { get; private set; }
}
