using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>
/// One reporting period of a report owed in a plan's year (<see cref="ReportObligation"/>): its data window, the due
/// date to the recipient (for the CCHC report the province's, the 20th of the period's last month), and the agency's
/// earlier internal due date for its units.
/// </summary>
internal sealed class ReportingPeriod
{
    private ReportingPeriod()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid ObligationId { get; private set; }

    public PeriodKind Kind { get; private set; }

    public DateOnly WindowStart { get; private set; }

    public DateOnly WindowEnd { get; private set; }

    /// <summary>The due date to the report's recipient (the province's for the CCHC report).</summary>
    public DateOnly ProvinceDueDate { get; private set; }

    public DateOnly InternalDueDate { get; private set; }

    /// <summary>The periods of the CCHC report of <paramref name="year"/> from the template (<see cref="ReportingTemplate.Default"/>: today's 581/BNV values).</summary>
    public static IReadOnlyList<ReportingPeriod> DefaultsFor(Guid planId, Guid obligationId, int year, Func<DateOnly, DateOnly> internalDue, ReportingTemplate? template = null)
    {
        ArgumentNullException.ThrowIfNull(internalDue);
        return (template ?? ReportingTemplate.Default).Periods
            .Select(p => For(planId, obligationId, new PeriodSlot(p.Kind, p.WindowStart(year), p.WindowEnd(year), p.Due(year)), internalDue(p.Due(year)))).ToList();
    }

    public static ReportingPeriod For(Guid planId, Guid obligationId, PeriodSlot slot, DateOnly internalDue)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return new ReportingPeriod
        {
            Id = Guid.CreateVersion7(),
            PlanId = planId,
            ObligationId = obligationId,
            Kind = slot.Kind,
            WindowStart = slot.WindowStart,
            WindowEnd = slot.WindowEnd,
            ProvinceDueDate = slot.Due,
            InternalDueDate = internalDue > slot.Due ? slot.Due : internalDue,
        };
    }

    /// <summary>The office changes the internal due date; it must not be after the province's.</summary>
    public void SetInternalDueDate(DateOnly due)
    {
        if (due > ProvinceDueDate)
        {
            throw new DomainValidationException("", "Report.DueAfterProvince");
        }

        InternalDueDate = due;
    }
}

internal enum UnitReportStatus
{
    /// <summary>Đang soạn.</summary>
    Draft,

    /// <summary>Đã gửi.</summary>
    Submitted,

    /// <summary>Văn phòng trả lại.</summary>
    Returned,

    /// <summary>Văn phòng đã tiếp nhận.</summary>
    Accepted,

    /// <summary>Lãnh đạo đã duyệt.</summary>
    Approved,
}

/// <summary>Báo cáo của đơn vị for one period: narrative and one line per task, pre-filled from the task's progress.</summary>
internal sealed class UnitReport : IAggregateRoot
{
    public const int NarrativeMaxLength = 20000;
    public const int ReturnReasonMaxLength = 2000;

    private readonly List<UnitReportLine> lines = [];

    private UnitReport()
    {
    }

    public Guid Id { get; private set; }

    public Guid PeriodId { get; private set; }

    public Guid UnitId { get; private set; }

    public UnitReportStatus Status { get; private set; }

    public string Narrative { get; private set; } = "";

    /// <summary>The first submission counts for timeliness; a resubmission after a return does not reset it.</summary>
    public DateTime? FirstSubmittedAt { get; private set; }

    public DateTime? SubmittedAt { get; private set; }

    public string? ReturnReason { get; private set; }

    public DateTime? AcceptedAt { get; private set; }

    public DateTime? ApprovedAt { get; private set; }

    public IReadOnlyList<UnitReportLine> Lines => lines;

    public static UnitReport Start(Guid periodId, Guid unitId, string narrative, IEnumerable<(Guid TaskId, PlanTaskStatus Status, string Progress, string? Actuals)> prefill)
    {
        ArgumentNullException.ThrowIfNull(prefill);
        var report = new UnitReport { Id = Guid.CreateVersion7(), PeriodId = periodId, UnitId = unitId, Status = UnitReportStatus.Draft, Narrative = narrative };
        foreach (var p in prefill)
        {
            report.lines.Add(new UnitReportLine(report.Id, p.TaskId, p.Status, p.Progress, p.Actuals));
        }

        return report;
    }

    public void Edit(string? narrative, IReadOnlyDictionary<Guid, string?> progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (Status is not (UnitReportStatus.Draft or UnitReportStatus.Returned))
        {
            throw new DomainValidationException("", "Report.Locked");
        }

        var text = (narrative ?? "").Trim();
        if (text.Length > NarrativeMaxLength)
        {
            throw new DomainValidationException(nameof(Narrative), "Error.MaxLength", NarrativeMaxLength);
        }

        var errors = new ValidationErrors();
        foreach (var line in lines)
        {
            if (progress.TryGetValue(line.TaskId, out var p))
            {
                errors.MaxLength($"Progress[{line.TaskId}]", p?.Trim(), UnitReportLine.ProgressMaxLength);
            }
        }

        errors.ThrowIfAny();
        Narrative = text;
        foreach (var line in lines)
        {
            if (progress.TryGetValue(line.TaskId, out var p))
            {
                line.SetProgress(p);
            }
        }
    }

    public void Submit(DateTime at)
    {
        if (Status is not (UnitReportStatus.Draft or UnitReportStatus.Returned))
        {
            throw new DomainValidationException("", "Report.Locked");
        }

        if (string.IsNullOrWhiteSpace(Narrative))
        {
            throw new DomainValidationException(nameof(Narrative), "Error.Required", new LabelArg("Report.NarrativeLabel"));
        }

        Status = UnitReportStatus.Submitted;
        SubmittedAt = at;
        FirstSubmittedAt ??= at;
        ReturnReason = null;
    }

    public void Return(string reason)
    {
        if (Status != UnitReportStatus.Submitted)
        {
            throw new DomainValidationException("", "Report.NotSubmitted");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainValidationException(nameof(ReturnReason), "Error.Required", new LabelArg("FollowUp.ReasonLabel"));
        }

        if (reason.Trim().Length > ReturnReasonMaxLength)
        {
            throw new DomainValidationException(nameof(ReturnReason), "Error.MaxLength", ReturnReasonMaxLength);
        }

        Status = UnitReportStatus.Returned;
        ReturnReason = reason.Trim();
    }

    public void Accept(DateTime at)
    {
        if (Status != UnitReportStatus.Submitted)
        {
            throw new DomainValidationException("", "Report.NotSubmitted");
        }

        Status = UnitReportStatus.Accepted;
        AcceptedAt = at;
    }

    public void Approve(DateTime at)
    {
        if (Status != UnitReportStatus.Accepted)
        {
            throw new DomainValidationException("", "Report.NotAccepted");
        }

        Status = UnitReportStatus.Approved;
        ApprovedAt = at;
    }
}

/// <summary>One task in a unit's report.</summary>
internal sealed class UnitReportLine
{
    public const int ProgressMaxLength = 4000;
    public const int ActualsMaxLength = 2000;

    private UnitReportLine()
    {
    }

    internal UnitReportLine(Guid reportId, Guid taskId, PlanTaskStatus status, string progress, string? actuals)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        TaskId = taskId;
        Status = status;
        Progress = progress;
        Actuals = actuals;
    }

    public Guid Id { get; private set; }

    public Guid ReportId { get; private set; }

    public Guid TaskId { get; private set; }

    public PlanTaskStatus Status { get; private set; }

    public string Progress { get; private set; } = "";

    public string? Actuals { get; private set; }

    internal void SetProgress(string? progress)
    {
        Progress = (progress ?? "").Trim();
    }
}
