using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>Nội dung (mục II.x): one lead unit (or every unit of the agency), coordinating units and tasks.</summary>
internal sealed class PlanSection
{
    public const int CodeMaxLength = 20;
    public const int HeadingMaxLength = 1000;

    private readonly List<SectionCoordinator> coordinators = [];
    private readonly List<PlanTask> tasks = [];

    private PlanSection()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public int Order { get; private set; }

    public string Code { get; private set; } = "";

    public string Heading { get; private set; } = "";

    /// <summary>Đơn vị chủ trì; null when <see cref="LeadIsAllUnits"/>.</summary>
    public Guid? LeadUnitId { get; private set; }

    /// <summary>The section is led by every unit of the agency ("các cơ quan, đơn vị").</summary>
    public bool LeadIsAllUnits { get; private set; }

    public IReadOnlyList<SectionCoordinator> Coordinators => coordinators;

    public IReadOnlyList<PlanTask> Tasks => tasks;

    internal static PlanSection Create(Guid planId, int order, SectionContent content)
    {
        var section = new PlanSection
        {
            Id = Guid.CreateVersion7(),
            PlanId = planId,
            Order = order,
            Code = Plan.Clean(content.Code) ?? order.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Heading = Plan.Clean(content.Heading) ?? "",
            LeadUnitId = content.LeadIsAllUnits ? null : content.LeadUnitId,
            LeadIsAllUnits = content.LeadIsAllUnits,
        };
        foreach (var unit in content.CoordinatingUnitIds.Distinct().Where(u => u != content.LeadUnitId))
        {
            section.coordinators.Add(new SectionCoordinator(section.Id, unit));
        }

        var taskOrder = 0;
        foreach (var text in content.Tasks.Where(t => !string.IsNullOrWhiteSpace(t)))
        {
            var task = PlanTask.Create(section.Id, ++taskOrder, text);
            if (content.Deadline is { } deadline)
            {
                task.Schedule(deadline, PlanTask.RecurrenceIn(text));
            }

            section.tasks.Add(task);
        }

        return section;
    }

    /// <summary>Adds a task at the end of the section (e.g. a PAR INDEX gap to close next year).</summary>
    public PlanTask AddTask(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainValidationException("Text", "Error.Required", new LabelArg("Plan.TaskText"));
        }

        var task = PlanTask.Create(Id, tasks.Count == 0 ? 1 : tasks.Max(t => t.Order) + 1, text);
        tasks.Add(task);
        return task;
    }
}

/// <summary>Đơn vị phối hợp of a section.</summary>
internal sealed class SectionCoordinator
{
    private SectionCoordinator()
    {
    }

    internal SectionCoordinator(Guid sectionId, Guid unitId)
    {
        SectionId = sectionId;
        UnitId = unitId;
    }

    public Guid SectionId { get; private set; }

    public Guid UnitId { get; private set; }
}

/// <summary>Nhiệm vụ: one task of a section, with its measurable targets.</summary>
internal sealed class PlanTask
{
    public const int TextMaxLength = 4000;

    private readonly List<TaskTarget> targets = [];
    private readonly List<TaskUpdate> updates = [];

    private PlanTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid SectionId { get; private set; }

    public int Order { get; private set; }

    public string Text { get; private set; } = "";

    public PlanTaskStatus Status { get; private set; }

    public DateOnly? Deadline { get; private set; }

    /// <summary>How often the task recurs (thường xuyên, hằng quý…), when it has no single deadline.</summary>
    public TaskRecurrence Recurrence { get; private set; }

    public IReadOnlyList<TaskTarget> Targets => targets;

    public IReadOnlyList<TaskUpdate> Updates => updates;

    /// <summary>The lead unit reports progress: the status, a note, and the actual value of each target.</summary>
    public void ReportProgress(Guid unitId, Guid userId, PlanTaskStatus status, string? note, IReadOnlyDictionary<Guid, string?> actuals, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actuals);
        if (!Enum.IsDefined(status))
        {
            throw new DomainValidationException(nameof(Status), "Error.Invalid");
        }

        var errors = new ValidationErrors();
        errors.MaxLength("Note", note, TaskUpdate.TextMaxLength);
        foreach (var target in targets)
        {
            if (actuals.TryGetValue(target.Id, out var actual))
            {
                errors.MaxLength(TaskTarget.ActualField(target.Id), actual?.Trim(), TaskTarget.ActualMaxLength);
            }
        }

        errors.ThrowIfAny();
        foreach (var target in targets)
        {
            if (actuals.TryGetValue(target.Id, out var actual))
            {
                target.RecordActual(actual);
            }
        }

        var changed = status != Status;
        Status = status;
        if (changed || !string.IsNullOrWhiteSpace(note))
        {
            updates.Add(TaskUpdate.Create(Id, unitId, userId, TaskUpdateKind.Progress, status, note, at));
        }
    }

    /// <summary>A coordinating unit adds its contribution; it does not change the status.</summary>
    public void AddContribution(Guid unitId, Guid userId, string note, DateTime at)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new DomainValidationException("Note", "Error.Required", new LabelArg("Task.Contribution"));
        }

        if (note.Length > TaskUpdate.TextMaxLength)
        {
            throw new DomainValidationException("Note", "Error.MaxLength", TaskUpdate.TextMaxLength);
        }

        updates.Add(TaskUpdate.Create(Id, unitId, userId, TaskUpdateKind.Contribution, null, note, at));
    }

    /// <summary>The office sets or clears the deadline and the recurrence.</summary>
    public void Schedule(DateOnly? deadline, TaskRecurrence recurrence)
    {
        if (!Enum.IsDefined(recurrence))
        {
            throw new DomainValidationException(nameof(Recurrence), "Error.Invalid");
        }

        Deadline = deadline;
        Recurrence = recurrence;
    }

    /// <summary>
    /// The recurrence a task's own words state ("hằng quý", "định kỳ 6 tháng", "thường xuyên"…), proposed when the plan
    /// is imported; the office can change it on the task.
    /// </summary>
    internal static TaskRecurrence RecurrenceIn(string text)
    {
        var t = Sipar.Infrastructure.Localization.VietnameseText.Fold(text);
        return t switch
        {
            _ when t.Contains("hang thang", StringComparison.Ordinal) => TaskRecurrence.Monthly,
            _ when t.Contains("hang quy", StringComparison.Ordinal) || t.Contains("theo quy", StringComparison.Ordinal) || t.Contains("dinh ky", StringComparison.Ordinal) => TaskRecurrence.Quarterly,
            _ when t.Contains("6 thang", StringComparison.Ordinal) || t.Contains("sau thang", StringComparison.Ordinal) => TaskRecurrence.HalfYearly,
            _ when t.Contains("thuong xuyen", StringComparison.Ordinal) => TaskRecurrence.Continuous,
            _ when t.Contains("hang nam", StringComparison.Ordinal) => TaskRecurrence.Yearly,
            _ => TaskRecurrence.None,
        };
    }

    internal static PlanTask Create(Guid sectionId, int order, string text)
    {
        var clean = text.Trim();
        var task = new PlanTask
        {
            Id = Guid.CreateVersion7(),
            SectionId = sectionId,
            Order = order,
            Text = clean.Length <= TextMaxLength ? clean : throw new DomainValidationException("Text", "Error.MaxLength", TextMaxLength),
            Status = PlanTaskStatus.NotStarted,
        };
        var targetOrder = 0;
        foreach (var t in PlanTextParser.Targets(task.Text))
        {
            task.targets.Add(new TaskTarget(task.Id, ++targetOrder, t));
        }

        return task;
    }
}

/// <summary>Chỉ tiêu: a measurable target of a task (e.g. 100% of legal documents reviewed).</summary>
internal sealed class TaskTarget
{
    public const int ValueMaxLength = 30;
    public const int MeasureMaxLength = 1000;
    public const int ActualMaxLength = 1000;

    private TaskTarget()
    {
    }

    private static string Cut(string? value, int max)
    {
        var v = (value ?? "").Trim();
        return v.Length > max ? v[..max] : v;
    }

    internal TaskTarget(Guid taskId, int order, TargetDraft draft)
    {
        Id = Guid.CreateVersion7();
        TaskId = taskId;
        Order = order;
        // Targets are read by us out of the task text, which is kept whole; a target is only an index into it.
        Value = Cut(draft.Value, ValueMaxLength);
        Measure = Cut(draft.Measure, MeasureMaxLength);
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public int Order { get; private set; }

    public string Value { get; private set; } = "";

    public string Measure { get; private set; } = "";

    /// <summary>Kết quả thực hiện, as the lead unit reports it.</summary>
    public string? Actual { get; private set; }

    /// <summary>The form field a target's actual value is typed in (errors are shown next to it).</summary>
    internal static string ActualField(Guid targetId) => $"Actuals[{targetId}]";

    internal void RecordActual(string? actual)
    {
        var value = actual?.Trim();
        if (value is { Length: > ActualMaxLength })
        {
            throw new DomainValidationException(ActualField(Id), "Error.MaxLength", ActualMaxLength);
        }

        Actual = string.IsNullOrEmpty(value) ? null : value;
    }
}

/// <summary>Thời hạn lặp lại của nhiệm vụ.</summary>
internal enum TaskRecurrence
{
    None,
    Continuous,
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

internal enum TaskUpdateKind
{
    /// <summary>Báo cáo tiến độ của đơn vị chủ trì.</summary>
    Progress,

    /// <summary>Đóng góp của đơn vị phối hợp.</summary>
    Contribution,
}

/// <summary>One entry in a task's history: a progress report by the lead unit or a contribution by a coordinator.</summary>
internal sealed class TaskUpdate
{
    public const int TextMaxLength = 4000;

    private TaskUpdate()
    {
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid UserId { get; private set; }

    public TaskUpdateKind Kind { get; private set; }

    public PlanTaskStatus? Status { get; private set; }

    public string? Note { get; private set; }

    public DateTime At { get; private set; }

    internal static TaskUpdate Create(Guid taskId, Guid unitId, Guid userId, TaskUpdateKind kind, PlanTaskStatus? status, string? note, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        TaskId = taskId,
        UnitId = unitId,
        UserId = userId,
        Kind = kind,
        Status = status,
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        At = at,
    };
}
