namespace Sipar.Modules.Plans;

// The Plans module's contract (ADR 0014): what other modules may know of plans, tasks and unit reports.
// PAR INDEX links evidence to plan records, suggests units from plan sections, and turns gaps into tasks here;
// its computed criteria come from Plans' implementations of IParDataSource (ParIndex's contract).

/// <summary>Trạng thái nhiệm vụ.</summary>
public enum PlanTaskStatus
{
    /// <summary>Chưa triển khai.</summary>
    NotStarted,

    /// <summary>Đang thực hiện.</summary>
    InProgress,

    /// <summary>Hoàn thành.</summary>
    Done,

    /// <summary>Chậm.</summary>
    Late,
}

/// <summary>Kỳ báo cáo: the CCHC report's quý I, 6 tháng, quý III and năm (văn bản 581/BNV-CCHC), and the months, quarters and others of the other report types.</summary>
public enum PeriodKind
{
    Quarter1,
    HalfYear,
    Quarter3,
    Year,
    Quarter2,
    Quarter4,
    NineMonths,
    Once,

    /// <summary>A period the office adds when a report is asked for (đột xuất).</summary>
    Requested,
    Month1,
    Month2,
    Month3,
    Month4,
    Month5,
    Month6,
    Month7,
    Month8,
    Month9,
    Month10,
    Month11,
    Month12,
}

/// <summary>Where a unit's report for a period stands. Computed, never typed.</summary>
public enum ReportState
{
    /// <summary>Chưa đến hạn.</summary>
    NotDue,

    /// <summary>Gửi đúng hạn.</summary>
    OnTime,

    /// <summary>Gửi muộn.</summary>
    Late,

    /// <summary>Quá hạn, chưa gửi.</summary>
    Missing,
}

/// <summary>The names of the periods as the consolidated report says them ("quý I", "6 tháng đầu"…; the year's is empty).</summary>
public static class PeriodNames
{
    public static string Of(PeriodKind kind) => kind switch
    {
        PeriodKind.Quarter1 => "quý I",
        PeriodKind.Quarter2 => "quý II",
        PeriodKind.HalfYear => "6 tháng đầu",
        PeriodKind.Quarter3 => "quý III",
        PeriodKind.Quarter4 => "quý IV",
        PeriodKind.NineMonths => "9 tháng",
        PeriodKind.Requested => "đột xuất",
        >= PeriodKind.Month1 and <= PeriodKind.Month12 => "tháng " + (kind - PeriodKind.Month1 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };
}

/// <summary>A record of an agency's issued plans that another module may point to.</summary>
public enum PlanRecordKind
{
    Plan,
    Task,
    UnitReport,
    ConsolidatedReport,
}

public sealed record PlanRecord(PlanRecordKind Kind, Guid Id, string Label);

/// <summary>A section of a plan: its heading and lead unit, for matching it to something by name.</summary>
public sealed record PlanSectionHeading(Guid SectionId, int Year, int Order, string Heading, Guid? LeadUnitId);

public sealed record PlanSigner(string? Title, string? Name);

public enum AddTaskOutcome
{
    Added,

    /// <summary>The agency has no open plan with sections for that year.</summary>
    NoPlan,

    /// <summary>The plan already has a task with exactly that text.</summary>
    AlreadyThere,
}

public sealed record AddTaskResult(AddTaskOutcome Outcome, Guid? PlanId, Guid? TaskId);

/// <summary>Plans as other modules read them.</summary>
public interface IPlanRecords
{
    /// <summary>The agency's issued plans of the year, their tasks, accepted unit reports and consolidated reports.</summary>
    Task<IReadOnlyList<PlanRecord>> LinkableAsync(Guid agencyId, int year, CancellationToken ct);

    /// <summary>Sections (with a lead unit or not) of the agency's plans of the given years.</summary>
    Task<IReadOnlyList<PlanSectionHeading>> SectionsAsync(Guid agencyId, IReadOnlyCollection<int> years, CancellationToken ct);

    /// <summary>Who signed the agency's latest plan that names a signer.</summary>
    Task<PlanSigner?> LatestSignerAsync(Guid agencyId, CancellationToken ct);
}

/// <summary>Adding work to a plan from elsewhere (a PAR INDEX gap, a recurring complaint).</summary>
public interface IPlanTasks
{
    /// <summary>
    /// Adds <paramref name="text"/> as a task of the agency's open plan of <paramref name="year"/> (issued before
    /// draft, newest first), in the section <paramref name="chooseSection"/> picks; once only.
    /// </summary>
    Task<AddTaskResult> AddTaskAsync(Guid agencyId, int year, Func<IReadOnlyList<PlanSectionHeading>, Guid> chooseSection, string text, CancellationToken ct);
}
