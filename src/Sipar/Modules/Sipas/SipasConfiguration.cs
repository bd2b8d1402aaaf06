using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Sipas;

internal sealed class QuestionnaireConfiguration : IEntityTypeConfiguration<Questionnaire>
{
    public void Configure(EntityTypeBuilder<Questionnaire> b)
    {
        b.ToTable("sipas_questionnaires");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(QuestionnaireDocument.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Questionnaire.NameMaxLength).IsRequired();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Content).IsRequired();
        b.Property(x => x.ItemCodes).HasMaxLength(QuestionnaireDocument.MaxItems * (QuestionnaireDocument.CodeMaxLength + 1)).IsRequired();
        b.Ignore(x => x.Document);
        b.HasIndex(x => new { x.Code, x.Version }).IsUnique();
    }
}

internal sealed class WaveConfiguration : IEntityTypeConfiguration<Wave>
{
    public void Configure(EntityTypeBuilder<Wave> b)
    {
        b.ToTable("sipas_waves");
        b.HasKey(x => x.Id);
        b.Property(x => x.Name).HasMaxLength(Wave.NameMaxLength).IsRequired();
        b.Property(x => x.ScopeAgencies).HasMaxLength(4000).IsRequired();
        b.Property(x => x.ScopeProcedures).HasMaxLength(4000).IsRequired();
        b.Property(x => x.Staff).HasMaxLength(4000).IsRequired();
        b.Property(x => x.Channels).HasConversion<int>();
        b.Property(x => x.Stratification).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Allocation).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.MarginOfError).HasPrecision(5, 4);
        b.Property(x => x.RecheckShare).HasPrecision(5, 4);
        b.Ignore(x => x.ScopeAgencyIds);
        b.Ignore(x => x.ScopeProcedureCodes);
        b.Ignore(x => x.StaffIds);
        b.HasIndex(x => x.AgencyId);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("sipas_contacts");
        b.HasKey(x => x.Id);
        b.Property(x => x.Stratum).HasMaxLength(Contact.StratumMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Contact.NameMaxLength).IsRequired();
        b.Property(x => x.Phone).HasMaxLength(Contact.PhoneMaxLength);
        b.Property(x => x.Email).HasMaxLength(Contact.EmailMaxLength);
        b.Property(x => x.ProcedureCode).HasMaxLength(50).IsRequired();
        b.Property(x => x.ProcedureName).HasMaxLength(500).IsRequired();
        b.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.SourceKey).HasMaxLength(100).IsRequired();
        b.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Token).HasMaxLength(Contact.TokenLength);
        b.Property(x => x.Note).HasMaxLength(500);
        b.HasIndex(x => x.Token).IsUnique();
        b.HasIndex(x => new { x.WaveId, x.Stratum, x.Rank });
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OptOutConfiguration : IEntityTypeConfiguration<OptOut>
{
    public void Configure(EntityTypeBuilder<OptOut> b)
    {
        b.ToTable("sipas_opt_outs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(Contact.EmailMaxLength).IsRequired();
        b.HasIndex(x => new { x.AgencyId, x.Key }).IsUnique();
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<Response>
{
    public void Configure(EntityTypeBuilder<Response> b)
    {
        b.ToTable("sipas_responses");
        b.HasKey(x => x.Id);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Stratum).HasMaxLength(Contact.StratumMaxLength).IsRequired();
        b.Property(x => x.ProcedureCode).HasMaxLength(50).IsRequired();
        b.Property(x => x.Answers).HasMaxLength(Response.MaxItems).IsRequired();
        b.Property(x => x.Profile).HasMaxLength(Response.TextMaxLength).IsRequired();
        b.Property(x => x.Expectations).HasMaxLength(200).IsRequired();
        b.Property(x => x.Comments).HasMaxLength(Response.TextMaxLength * 2).IsRequired();
        b.Property(x => x.Review).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ReviewReason).HasMaxLength(500);
        b.Property(x => x.Flags).HasMaxLength(200).IsRequired();
        b.Property(x => x.Recheck).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.RecheckNote).HasMaxLength(500);
        b.Property(x => x.Corrections).HasMaxLength(Response.CorrectionsMaxLength).IsRequired();
        b.HasIndex(x => x.ContactId).IsUnique();
        b.HasIndex(x => new { x.WaveId, x.Review });
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Questionnaire>().WithMany().HasForeignKey(x => x.QuestionnaireId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaperEntryConfiguration : IEntityTypeConfiguration<PaperEntry>
{
    public void Configure(EntityTypeBuilder<PaperEntry> b)
    {
        b.ToTable("sipas_paper_entries");
        b.HasKey(x => x.Id);
        b.Property(x => x.FormNumber).HasMaxLength(PaperEntry.FormNumberMaxLength).IsRequired();
        b.Property(x => x.Answers).HasMaxLength(Response.MaxItems).IsRequired();
        b.Property(x => x.Profile).HasMaxLength(Response.TextMaxLength).IsRequired();
        b.Property(x => x.Expectations).HasMaxLength(200).IsRequired();
        b.Property(x => x.Comments).HasMaxLength(Response.TextMaxLength * 2).IsRequired();
        b.HasIndex(x => new { x.WaveId, x.FormNumber, x.EntryNo }).IsUnique();
        b.HasOne<Wave>().WithMany().HasForeignKey(x => x.WaveId).OnDelete(DeleteBehavior.Cascade);
    }
}
