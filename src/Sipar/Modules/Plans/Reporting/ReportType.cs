using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>How often a report type is owed in a plan's year.</summary>
internal enum Periodicity
{
    /// <summary>Hằng tháng: twelve periods.</summary>
    Monthly,

    /// <summary>Hằng quý: four periods.</summary>
    Quarterly,

    /// <summary>6 tháng và năm: the first half, then the whole year.</summary>
    SixMonthly,

    /// <summary>9 tháng: January to September, once a year.</summary>
    NineMonthly,

    /// <summary>Hằng năm.</summary>
    Yearly,

    /// <summary>Một lần trong năm.</summary>
    Once,

    /// <summary>Đột xuất, theo yêu cầu: the office adds each requested period with its due date.</summary>
    OnRequest,
}

/// <summary>What a report type asks in its form: the fields the office types, checked by <see cref="ReportType"/>.</summary>
internal sealed record ReportTypeInput(
    string? Code,
    string? Name,
    string? LegalBasis,
    Guid? LeadUnitId,
    IReadOnlyList<Guid>? Contributors,
    Periodicity Periodicity,
    int? CutOffDay,
    string? DueRule,
    string? InternalRule,
    string? Recipient,
    bool ReportsOnPlan,
    string? Schedule);

/// <summary>
/// A kind of periodic report the agency owes (loại báo cáo): the CCHC report to Sở Nội vụ, the digital-transformation
/// report to Sở Thông tin và Truyền thông, the yearly report on monitoring law enforcement… Its periods, data windows
/// and due dates are data (<see cref="ReportSchedule"/>), so a new duty needs no code.
/// </summary>
internal sealed class ReportType : IAggregateRoot
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 500;
    public const int LegalBasisMaxLength = 1000;
    public const int RuleMaxLength = 200;
    public const int RecipientMaxLength = 500;
    public const int ScheduleMaxLength = 1000;

    /// <summary>The code of the CCHC report every agency has (văn bản 581/BNV-CCHC).</summary>
    public const string CchcCode = "CCHC";

    private readonly List<ReportTypeContributor> contributors = [];

    private ReportType()
    {
    }

    public Guid Id { get; private set; }

    public Guid AgencyId { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public string LegalBasis { get; private set; } = "";

    /// <summary>The unit that compiles the report; none means the office.</summary>
    public Guid? LeadUnitId { get; private set; }

    public Periodicity Periodicity { get; private set; }

    /// <summary>The data window ends on this day of the period's last month (and starts the day after it a period earlier); none means calendar months.</summary>
    public int? CutOffDay { get; private set; }

    /// <summary>When the report is due to its recipient, as words (<see cref="ReportSchedule.ParseDue"/>).</summary>
    public string DueRule { get; private set; } = "";

    /// <summary>When the units owe their part to the lead unit, counted back from the due date (<see cref="ReportSchedule.ParseInternal"/>).</summary>
    public string InternalRule { get; private set; } = "";

    /// <summary>Who receives it outside the agency (Sở Nội vụ, Sở Thông tin và Truyền thông…).</summary>
    public string Recipient { get; private set; } = "";

    /// <summary>The report is about the plan's tasks (the CCHC report): every unit with a task owes it, with a line per task.</summary>
    public bool ReportsOnPlan { get; private set; }

    /// <summary>Periods written out when the periodicity's do not fit ("Quarter1 15/12-14/03 20/03; …"); empty when they do.</summary>
    public string Schedule { get; private set; } = "";

    /// <summary>The units that contribute; none means the units of the plan task the duty comes from.</summary>
    public IReadOnlyList<ReportTypeContributor> Contributors => contributors;

    public static ReportType Create(Guid agencyId, ReportTypeInput input, IReadOnlySet<Guid> agencyUnits, int sampleYear)
    {
        var type = new ReportType { Id = Guid.CreateVersion7(), AgencyId = agencyId };
        type.Update(input, agencyUnits, sampleYear);
        return type;
    }

    /// <summary>Checks and applies the form; a rule that cannot be read, a window ending after its due date or a unit of another agency is refused next to its field.</summary>
    public void Update(ReportTypeInput input, IReadOnlySet<Guid> agencyUnits, int sampleYear)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(agencyUnits);
        var errors = new ValidationErrors();
        var code = (input.Code ?? "").Trim().ToUpperInvariant();
        errors.Required(nameof(Code), code, "ReportType.CodeLabel");
        errors.MaxLength(nameof(Code), code, CodeMaxLength);
        if (code.Length > 0 && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(nameof(Code), "ReportType.CodeChars");
        }

        errors.Required(nameof(Name), input.Name, "ReportType.NameLabel");
        errors.MaxLength(nameof(Name), input.Name?.Trim(), NameMaxLength);
        errors.MaxLength(nameof(LegalBasis), input.LegalBasis?.Trim(), LegalBasisMaxLength);
        errors.MaxLength(nameof(Recipient), input.Recipient?.Trim(), RecipientMaxLength);
        errors.MaxLength(nameof(DueRule), input.DueRule?.Trim(), RuleMaxLength);
        errors.MaxLength(nameof(InternalRule), input.InternalRule?.Trim(), RuleMaxLength);
        errors.MaxLength(nameof(Schedule), input.Schedule?.Trim(), ScheduleMaxLength);
        if (!Enum.IsDefined(input.Periodicity))
        {
            errors.Add(nameof(Periodicity), "ReportType.PeriodicityUnknown");
        }

        if (input.CutOffDay is { } cut && (cut < 1 || cut > 28))
        {
            errors.Add(nameof(CutOffDay), "ReportType.CutOffDayRange");
        }

        if (input.LeadUnitId is { } lead && !agencyUnits.Contains(lead))
        {
            errors.Add(nameof(LeadUnitId), "ReportType.UnitOutsideAgency");
        }

        var contributing = (input.Contributors ?? []).Distinct().ToList();
        if (contributing.Any(u => !agencyUnits.Contains(u)))
        {
            errors.Add(nameof(Contributors), "ReportType.UnitOutsideAgency");
        }

        errors.ThrowIfAny();
        var candidate = new ReportType
        {
            Code = code,
            Periodicity = input.Periodicity,
            CutOffDay = input.CutOffDay,
            DueRule = (input.DueRule ?? "").Trim(),
            InternalRule = (input.InternalRule ?? "").Trim(),
            Schedule = (input.Schedule ?? "").Trim(),
        };

        // The rules are read and one year's periods computed before anything changes, so a rule that cannot be read
        // or a window that ends after its due date is refused with the field named.
        ReportSchedule.Check(candidate, sampleYear);
        Code = code;
        Name = input.Name!.Trim();
        LegalBasis = (input.LegalBasis ?? "").Trim();
        Recipient = (input.Recipient ?? "").Trim();
        LeadUnitId = input.LeadUnitId;
        Periodicity = candidate.Periodicity;
        CutOffDay = candidate.CutOffDay;
        DueRule = candidate.DueRule;
        InternalRule = candidate.InternalRule;
        Schedule = candidate.Schedule;
        ReportsOnPlan = input.ReportsOnPlan;
        contributors.RemoveAll(c => !contributing.Contains(c.UnitId));
        foreach (var unit in contributing.Where(u => contributors.TrueForAll(c => c.UnitId != u)))
        {
            contributors.Add(new ReportTypeContributor(Id, unit));
        }
    }
}

/// <summary>A unit that contributes its part to a report type.</summary>
internal sealed class ReportTypeContributor
{
    private ReportTypeContributor()
    {
    }

    internal ReportTypeContributor(Guid typeId, Guid unitId)
    {
        TypeId = typeId;
        UnitId = unitId;
    }

    public Guid TypeId { get; private set; }

    public Guid UnitId { get; private set; }
}

/// <summary>
/// A report type owed in a plan's year (nghĩa vụ báo cáo), created when the plan is issued (the CCHC report) or by the
/// office from the plan review, from a task such as "Tham mưu báo cáo định kỳ về kết quả chuyển đổi số" or from the
/// plan's closing duties. Its periods are the plan's <see cref="ReportingPeriod"/> rows that point to it.
/// </summary>
internal sealed class ReportObligation
{
    private ReportObligation()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid TypeId { get; private set; }

    /// <summary>The plan task it was created from, whose units owe it when the type names no contributors.</summary>
    public Guid? TaskId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public static ReportObligation Create(Guid planId, Guid typeId, Guid? taskId, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), PlanId = planId, TypeId = typeId, TaskId = taskId, CreatedAt = at };
}
