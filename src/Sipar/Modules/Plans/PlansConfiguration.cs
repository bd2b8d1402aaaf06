using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<Plan>
{
    public void Configure(EntityTypeBuilder<Plan> b)
    {
        b.ToTable("plans_plans");
        b.HasKey(x => x.Id);
        b.Property(x => x.Title).HasMaxLength(Plan.TitleMaxLength).IsRequired();
        b.Property(x => x.SearchTitle).HasMaxLength(Plan.TitleMaxLength).IsRequired();
        b.Property(x => x.Number).HasMaxLength(Plan.NumberMaxLength);
        b.Property(x => x.Symbol).HasMaxLength(Plan.SymbolMaxLength);
        b.Property(x => x.Issuer).HasMaxLength(Plan.IssuerMaxLength);
        b.Property(x => x.Place).HasMaxLength(Plan.PlaceMaxLength);
        b.Property(x => x.SignerTitle).HasMaxLength(Plan.SignerMaxLength);
        b.Property(x => x.SignerName).HasMaxLength(Plan.SignerMaxLength);
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.LegalBases).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Sections).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Duties).WithOne().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.LegalBases).HasField("legalBases").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Sections).HasField("sections").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Duties).HasField("duties").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.AgencyId, x.Year });
    }
}

internal sealed class LegalBasisConfiguration : IEntityTypeConfiguration<LegalBasis>
{
    public void Configure(EntityTypeBuilder<LegalBasis> b)
    {
        b.ToTable("plans_legal_bases");
        b.HasKey(x => x.Id);
        b.Property(x => x.Type).HasMaxLength(LegalBasis.TypeMaxLength).IsRequired();
        b.Property(x => x.Number).HasMaxLength(LegalBasis.NumberMaxLength).IsRequired();
        b.Property(x => x.Issuer).HasMaxLength(LegalBasis.IssuerMaxLength);
        b.Property(x => x.Text).HasMaxLength(LegalBasis.TextMaxLength).IsRequired();
    }
}

internal sealed class PlanDutyConfiguration : IEntityTypeConfiguration<PlanDuty>
{
    public void Configure(EntityTypeBuilder<PlanDuty> b)
    {
        b.ToTable("plans_duties");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(PlanDuty.CodeMaxLength).IsRequired();
        b.Property(x => x.Heading).HasMaxLength(PlanDuty.HeadingMaxLength).IsRequired();
    }
}

internal sealed class PlanSectionConfiguration : IEntityTypeConfiguration<PlanSection>
{
    public void Configure(EntityTypeBuilder<PlanSection> b)
    {
        b.ToTable("plans_sections");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(PlanSection.CodeMaxLength).IsRequired();
        b.Property(x => x.Heading).HasMaxLength(PlanSection.HeadingMaxLength).IsRequired();
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Coordinators).WithOne().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Tasks).WithOne().HasForeignKey(x => x.SectionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Coordinators).HasField("coordinators").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(x => x.Tasks).HasField("tasks").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => x.LeadUnitId);
    }
}

internal sealed class SectionCoordinatorConfiguration : IEntityTypeConfiguration<SectionCoordinator>
{
    public void Configure(EntityTypeBuilder<SectionCoordinator> b)
    {
        b.ToTable("plans_section_coordinators");
        b.HasKey(x => new { x.SectionId, x.UnitId });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.UnitId);
    }
}

internal sealed class PlanTaskConfiguration : IEntityTypeConfiguration<PlanTask>
{
    public void Configure(EntityTypeBuilder<PlanTask> b)
    {
        b.ToTable("plans_tasks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(PlanTask.TextMaxLength).IsRequired();
        b.HasMany(x => x.Targets).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Targets).HasField("targets").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(x => x.Updates).WithOne().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Updates).HasField("updates").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class TaskTargetConfiguration : IEntityTypeConfiguration<TaskTarget>
{
    public void Configure(EntityTypeBuilder<TaskTarget> b)
    {
        b.ToTable("plans_task_targets");
        b.HasKey(x => x.Id);
        b.Property(x => x.Value).HasMaxLength(TaskTarget.ValueMaxLength).IsRequired();
        b.Property(x => x.Measure).HasMaxLength(TaskTarget.MeasureMaxLength).IsRequired();
        b.Property(x => x.Actual).HasMaxLength(TaskTarget.ActualMaxLength);
    }
}

internal sealed class TaskUpdateConfiguration : IEntityTypeConfiguration<TaskUpdate>
{
    public void Configure(EntityTypeBuilder<TaskUpdate> b)
    {
        b.ToTable("plans_task_updates");
        b.HasKey(x => x.Id);
        b.Property(x => x.Note).HasMaxLength(TaskUpdate.TextMaxLength);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.TaskId, x.At });
    }
}

internal sealed class TaskEvidenceConfiguration : IEntityTypeConfiguration<TaskEvidence>
{
    public void Configure(EntityTypeBuilder<TaskEvidence> b)
    {
        b.ToTable("plans_task_evidence");
        b.HasKey(x => x.Id);
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(120).IsRequired();
        b.Property(x => x.StorageKey).HasMaxLength(100).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.TaskId);
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> b)
    {
        b.ToTable("plans_reminders");
        b.HasKey(x => x.Id);
        b.Property(x => x.Message).HasMaxLength(Reminder.MessageMaxLength).IsRequired();
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.UnitId, x.ReadAt });
    }
}

internal sealed class UnitFlagConfiguration : IEntityTypeConfiguration<UnitFlag>
{
    public void Configure(EntityTypeBuilder<UnitFlag> b)
    {
        b.ToTable("plans_unit_flags");
        b.HasKey(x => x.Id);
        b.Property(x => x.Reason).HasMaxLength(UnitFlag.ReasonMaxLength).IsRequired();
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PlanId);
    }
}

internal sealed class ReportingPeriodConfiguration : IEntityTypeConfiguration<ReportingPeriod>
{
    public void Configure(EntityTypeBuilder<ReportingPeriod> b)
    {
        b.ToTable("plans_reporting_periods");
        b.HasKey(x => x.Id);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportObligation>().WithMany().HasForeignKey(x => x.ObligationId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PlanId);
        b.HasIndex(x => new { x.ObligationId, x.Kind, x.WindowEnd }).IsUnique();
    }
}

internal sealed class ChecklistPointConfiguration : IEntityTypeConfiguration<ChecklistPoint>
{
    public void Configure(EntityTypeBuilder<ChecklistPoint> b)
    {
        b.ToTable("plans_checklist_points");
        b.HasKey(x => x.Id);
        b.Property(x => x.Text).HasMaxLength(ChecklistPoint.TextMaxLength).IsRequired();
        b.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.TaskId, x.Order });
    }
}

internal sealed class ChecklistTickConfiguration : IEntityTypeConfiguration<ChecklistTick>
{
    public void Configure(EntityTypeBuilder<ChecklistTick> b)
    {
        b.ToTable("plans_checklist_ticks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Evidence).HasMaxLength(ChecklistTick.EvidenceMaxLength).IsRequired();
        b.HasOne<ChecklistPoint>().WithMany().HasForeignKey(x => x.PointId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.PointId, x.UnitId }).IsUnique();
    }
}

internal sealed class ReportTypeConfiguration : IEntityTypeConfiguration<ReportType>
{
    public void Configure(EntityTypeBuilder<ReportType> b)
    {
        b.ToTable("plans_report_types");
        b.HasKey(x => x.Id);
        b.Property(x => x.Code).HasMaxLength(ReportType.CodeMaxLength).IsRequired();
        b.Property(x => x.Name).HasMaxLength(ReportType.NameMaxLength).IsRequired();
        b.Property(x => x.LegalBasis).HasMaxLength(ReportType.LegalBasisMaxLength).IsRequired();
        b.Property(x => x.DueRule).HasMaxLength(ReportType.RuleMaxLength).IsRequired();
        b.Property(x => x.InternalRule).HasMaxLength(ReportType.RuleMaxLength).IsRequired();
        b.Property(x => x.Recipient).HasMaxLength(ReportType.RecipientMaxLength).IsRequired();
        b.Property(x => x.Schedule).HasMaxLength(ReportType.ScheduleMaxLength).IsRequired();
        b.HasOne<Agency>().WithMany().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.LeadUnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Contributors).WithOne().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Contributors).HasField("contributors").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.AgencyId, x.Code }).IsUnique();
    }
}

internal sealed class ReportTypeContributorConfiguration : IEntityTypeConfiguration<ReportTypeContributor>
{
    public void Configure(EntityTypeBuilder<ReportTypeContributor> b)
    {
        b.ToTable("plans_report_type_contributors");
        b.HasKey(x => new { x.TypeId, x.UnitId });
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportObligationConfiguration : IEntityTypeConfiguration<ReportObligation>
{
    public void Configure(EntityTypeBuilder<ReportObligation> b)
    {
        b.ToTable("plans_report_obligations");
        b.HasKey(x => x.Id);
        b.HasOne<Plan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ReportType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.PlanId, x.TypeId });
    }
}

internal sealed class UnitReportConfiguration : IEntityTypeConfiguration<UnitReport>
{
    public void Configure(EntityTypeBuilder<UnitReport> b)
    {
        b.ToTable("plans_unit_reports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Narrative).HasMaxLength(UnitReport.NarrativeMaxLength).IsRequired();
        b.Property(x => x.ReturnReason).HasMaxLength(UnitReport.ReturnReasonMaxLength);
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Unit>().WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Lines).HasField("lines").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(x => new { x.PeriodId, x.UnitId }).IsUnique();
    }
}

internal sealed class UnitReportLineConfiguration : IEntityTypeConfiguration<UnitReportLine>
{
    public void Configure(EntityTypeBuilder<UnitReportLine> b)
    {
        b.ToTable("plans_unit_report_lines");
        b.HasKey(x => x.Id);
        b.Property(x => x.Progress).HasMaxLength(UnitReportLine.ProgressMaxLength).IsRequired();
        b.Property(x => x.Actuals).HasMaxLength(UnitReportLine.ActualsMaxLength);
        b.HasOne<PlanTask>().WithMany().HasForeignKey(x => x.TaskId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsolidatedReportConfiguration : IEntityTypeConfiguration<ConsolidatedReport>
{
    public void Configure(EntityTypeBuilder<ConsolidatedReport> b)
    {
        b.ToTable("plans_consolidated_reports");
        b.HasKey(x => x.Id);
        b.Property(x => x.Summary).HasMaxLength(ConsolidatedReport.TextMaxLength).IsRequired();
        b.Property(x => x.Difficulties).HasMaxLength(ConsolidatedReport.TextMaxLength).IsRequired();
        b.Property(x => x.Proposals).HasMaxLength(ConsolidatedReport.TextMaxLength).IsRequired();
        b.HasOne<ReportingPeriod>().WithMany().HasForeignKey(x => x.PeriodId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.PeriodId).IsUnique();
    }
}
