using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

internal sealed class ProcedureConfiguration : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> b)
    {
        b.ToTable("dossiers_procedures");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(Procedure.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(Procedure.NameMaxLength).IsRequired();
        b.Property(x => x.SearchName).HasMaxLength(Procedure.NameMaxLength + Procedure.CodeMaxLength + Procedure.FieldMaxLength + 2).IsRequired();
        b.Property(x => x.Field).HasMaxLength(Procedure.FieldMaxLength).IsRequired();
        b.Property(x => x.TimeLimitUnit).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.OnlineLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Documents).HasMaxLength(Procedure.TextMaxLength).IsRequired();
        b.Property(x => x.LegalBasis).HasMaxLength(Procedure.TextMaxLength);
        b.Property(x => x.Level).HasMaxLength(Procedure.LevelMaxLength);
        b.Property(x => x.Steps).HasMaxLength(Procedure.TextMaxLength).IsRequired();
        b.Ignore(x => x.StepList);
        b.Property(x => x.ResultDelivery).HasMaxLength(Procedure.DeliveryMaxLength);
        b.Ignore(x => x.DocumentList);
        b.Ignore(x => x.RequiredDocuments);
        b.HasIndex(x => new { x.AgencyId, x.Code }).IsUnique();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DossierConfiguration : IEntityTypeConfiguration<Dossier>
{
    public void Configure(EntityTypeBuilder<Dossier> b)
    {
        b.ToTable("dossiers_dossiers");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(Dossier.CodeMaxLength).IsRequired();
        b.Property(x => x.LookupSecret).HasMaxLength(Dossier.SecretLength).IsRequired();
        b.Property(x => x.ProcedureCode).HasMaxLength(Procedure.CodeMaxLength).IsRequired();
        b.Property(x => x.ProcedureName).HasMaxLength(Procedure.NameMaxLength).IsRequired();
        b.Property(x => x.Field).HasMaxLength(Procedure.FieldMaxLength).IsRequired();
        b.Property(x => x.RequiredDocuments).HasMaxLength(Procedure.TextMaxLength).IsRequired();
        b.Property(x => x.StepPlan).HasMaxLength(Procedure.TextMaxLength).IsRequired();
        b.Property(x => x.TimeLimitUnit).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.OnlineLevel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Channel).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.FormSet).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.Delivery).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.ApplicantName).HasMaxLength(Dossier.NameMaxLength).IsRequired();
        b.Property(x => x.SearchText).HasMaxLength(Dossier.CodeMaxLength + Dossier.NameMaxLength + Procedure.CodeMaxLength + 2).IsRequired();
        b.Property(x => x.ApplicantPhone).HasMaxLength(Dossier.ContactMaxLength);
        b.Property(x => x.ApplicantEmail).HasMaxLength(Dossier.ContactMaxLength);
        b.Property(x => x.ApplicantAddress).HasMaxLength(Dossier.ContactMaxLength);
        b.Property(x => x.DocumentsReceived).HasMaxLength(Dossier.TextMaxLength).IsRequired();
        b.Property(x => x.SupplementMissing).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.SupplementOverrideReason).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.RefusalReason).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.StopReason).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.ApologyReason).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.RatingComment).HasMaxLength(Dossier.TextMaxLength);
        b.Property(x => x.ImportHash).HasMaxLength(64);
        b.HasOne<ImportRun>().WithMany().HasForeignKey(x => x.ImportRunId).OnDelete(DeleteBehavior.Restrict);
        b.Ignore(x => x.RequiredList);
        b.Ignore(x => x.RequiredDocumentList);
        b.Ignore(x => x.PlannedSteps);
        b.Ignore(x => x.NextPlannedStep);
        b.Ignore(x => x.ReceivedList);
        b.Ignore(x => x.Outcome);
        b.Ignore(x => x.IsClosed);
        b.Ignore(x => x.IsUnsatisfied);
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => new { x.AgencyId, x.ReceivedAt });
        b.HasIndex(x => new { x.AgencyId, x.FinishedOn });
        // The dossiers not finished, by appointment date: late ones in the current month, due-soon and late on the dashboard.
        b.HasIndex(x => x.AppointmentDate).HasFilter("\"FinishedOn\" IS NULL").HasDatabaseName("IX_dossiers_dossiers_AppointmentDate_unfinished");
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Procedure>().WithMany().HasForeignKey(x => x.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Steps).WithOne().HasForeignKey(x => x.DossierId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Steps).HasField("steps").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DossierStepConfiguration : IEntityTypeConfiguration<DossierStep>
{
    public void Configure(EntityTypeBuilder<DossierStep> b)
    {
        b.ToTable("dossiers_steps");
        b.HasKey(x => x.Id);
        b.Property(x => x.Action).HasConversion<string>().HasMaxLength(30);
        b.Property(x => x.Note).HasMaxLength(Dossier.TextMaxLength);
        b.HasIndex(x => new { x.DossierId, x.Order }).IsUnique();
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.ToTable("dossiers_import_runs");
        b.HasKey(x => x.Id);
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(x => x.FileName).HasMaxLength(ImportRun.FileNameMaxLength).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.Mapping).HasMaxLength(8000).IsRequired();
        b.HasIndex(x => new { x.AgencyId, x.At });
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RollupRowConfiguration : IEntityTypeConfiguration<RollupRow>
{
    public void Configure(EntityTypeBuilder<RollupRow> b)
    {
        b.ToTable("dossiers_rollup");
        b.HasKey(x => x.Id);
        // A number, not the usual text: the store is read a million lines at a time and never by people.
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.ProcedureCode).HasMaxLength(Procedure.CodeMaxLength).IsRequired();
        b.Property(x => x.Field).HasMaxLength(Procedure.FieldMaxLength).IsRequired();
        b.HasIndex(x => new { x.AgencyId, x.Bucket });
    }
}

internal sealed class RollupMarkConfiguration : IEntityTypeConfiguration<RollupMark>
{
    public void Configure(EntityTypeBuilder<RollupMark> b)
    {
        b.ToTable("dossiers_rollup_marks");
        b.HasKey(x => x.Id);
        b.HasIndex(x => new { x.AgencyId, x.Bucket });
    }
}
