using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>What the signed-in person may do with a task.</summary>
internal enum TaskRole
{
    None,

    /// <summary>Reads only (leadership, appraisers, other units of the agency).</summary>
    Viewer,

    /// <summary>Đơn vị phối hợp: contributions and evidence, not the status.</summary>
    Coordinator,

    /// <summary>Đơn vị chủ trì: status, progress, target actuals, evidence.</summary>
    Lead,

    /// <summary>Văn phòng: everything, for every unit.</summary>
    Office,
}

internal sealed record MyTask(Guid PlanId, string PlanTitle, int Year, Guid TaskId, string SectionCode, int Order, string Text, PlanTaskStatus Status, DateOnly? Deadline, bool Overdue, TaskRole Role);

internal sealed record TargetLine(Guid Id, string Value, string Measure, string? Actual);

internal sealed record UpdateLine(DateTime At, string UnitName, string UserName, TaskUpdateKind Kind, PlanTaskStatus? Status, string? Note);

internal sealed record EvidenceLine(Guid Id, string FileName, long Size, DateTime At, string UnitName);

internal sealed record TaskDetail(
    Guid PlanId, string PlanTitle, PlanStatus PlanStatus, Guid AgencyId, string SectionCode, string SectionHeading, string LeadName, IReadOnlyList<string> Coordinators,
    Guid TaskId, int Order, string Text, PlanTaskStatus Status, DateOnly? Deadline, TaskRecurrence Recurrence, bool Overdue, IReadOnlyList<TargetLine> Targets,
    IReadOnlyList<UpdateLine> Updates, IReadOnlyList<EvidenceLine> Evidence, TaskRole Role);

/// <summary>Running the plan: each unit's tasks, progress by the lead unit, contributions and evidence by coordinators.</summary>
internal sealed class TaskWork(SiparDbContext db, CurrentUser me, Capabilities can, IAgencies agencies, IPeople people, TimeProvider clock, FileStore files)
{
    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>"Việc của tôi": the tasks of issued plans that the user's unit leads or supports.</summary>
    public async Task<IReadOnlyList<MyTask>> MyTasksAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit || me.AgencyId is not { } agency)
        {
            return [];
        }

        var today = Today;
        var rows = await (
            from p in db.Set<Plan>().AsNoTracking()
            where p.AgencyId == agency && p.Status == PlanStatus.Issued
            from s in p.Sections
            where s.LeadUnitId == unit || s.LeadIsAllUnits || s.Coordinators.Any(c => c.UnitId == unit)
            from t in s.Tasks
            orderby p.Year descending, s.Order, t.Order
            select new
            {
                PlanId = p.Id, p.Title, p.Year, TaskId = t.Id, s.Code, t.Order, t.Text, t.Status, t.Deadline,
                Lead = s.LeadUnitId == unit || s.LeadIsAllUnits,
            }).ToListAsync(ct);
        return rows.Select(r => new MyTask(r.PlanId, r.Title, r.Year, r.TaskId, r.Code, r.Order, r.Text, r.Status, r.Deadline,
            IsOverdue(r.Deadline, r.Status, today), r.Lead ? TaskRole.Lead : TaskRole.Coordinator)).ToList();
    }

    public async Task<TaskDetail> GetAsync(Guid taskId, CancellationToken ct)
    {
        var (plan, section, task) = await LoadAsync(taskId, tracking: false, ct);
        var role = RoleFor(plan, section);
        if (role == TaskRole.None)
        {
            throw new ForbiddenException();
        }

        var units = (await agencies.UnitsAsync(plan.AgencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var userIds = task.Updates.Select(u => u.UserId).Distinct().ToList();
        var users = await people.NamesAsync(userIds, ct);
        var evidence = await db.Set<TaskEvidence>().AsNoTracking().Where(e => e.TaskId == taskId).OrderBy(e => e.At).ToListAsync(ct);
        return new TaskDetail(
            plan.Id, plan.Title, plan.Status, plan.AgencyId, section.Code, section.Heading,
            section.LeadIsAllUnits ? PlanTextParser.AllUnits : units.GetValueOrDefault(section.LeadUnitId ?? Guid.Empty, "?"),
            section.Coordinators.Select(c => units.GetValueOrDefault(c.UnitId, "?")).ToList(),
            task.Id, task.Order, task.Text, task.Status, task.Deadline, task.Recurrence, IsOverdue(task.Deadline, task.Status, Today),
            task.Targets.OrderBy(t => t.Order).Select(t => new TargetLine(t.Id, t.Value, t.Measure, t.Actual)).ToList(),
            task.Updates.OrderByDescending(u => u.At).Select(u => new UpdateLine(u.At, units.GetValueOrDefault(u.UnitId, "?"), users.GetValueOrDefault(u.UserId, "?"), u.Kind, u.Status, u.Note)).ToList(),
            evidence.Select(e => new EvidenceLine(e.Id, e.FileName, e.Size, e.At, units.GetValueOrDefault(e.UnitId, "?"))).ToList(),
            role);
    }

    public async Task ReportProgressAsync(Guid taskId, PlanTaskStatus status, string? note, IReadOnlyDictionary<Guid, string?> actuals, CancellationToken ct)
    {
        var (plan, section, task) = await LoadAsync(taskId, tracking: true, ct);
        var role = RoleFor(plan, section);
        if (role is not (TaskRole.Lead or TaskRole.Office))
        {
            throw new ForbiddenException();
        }

        EnsureIssued(plan);
        task.ReportProgress(ActingUnit(section), me.Id!.Value, status, note, actuals, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    public async Task AddContributionAsync(Guid taskId, string note, CancellationToken ct)
    {
        var (plan, section, task) = await LoadAsync(taskId, tracking: true, ct);
        if (RoleFor(plan, section) is not (TaskRole.Coordinator or TaskRole.Lead or TaskRole.Office))
        {
            throw new ForbiddenException();
        }

        EnsureIssued(plan);
        task.AddContribution(ActingUnit(section), me.Id!.Value, note, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Refuses (403) a caller who may not add evidence to the task, before the upload is read.</summary>
    public async Task EnsureMayAddEvidenceAsync(Guid taskId, CancellationToken ct)
    {
        var (plan, section, _) = await LoadAsync(taskId, tracking: false, ct);
        EnsureMayAddEvidence(plan, section);
    }

    public async Task<Guid> AddEvidenceAsync(Guid taskId, string fileName, string contentType, byte[] content, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (plan, section, _) = await LoadAsync(taskId, tracking: false, ct);
        EnsureMayAddEvidence(plan, section);
        EnsureIssued(plan);
        var now = clock.GetUtcNow().UtcDateTime;
        var (key, sha) = await files.SaveAsync(content, now, ct);
        var evidence = TaskEvidence.Create(taskId, ActingUnit(section), me.Id!.Value, now, fileName, contentType, content.Length, key, sha);
        db.Add(evidence);
        await db.SaveChangesAsync(ct);
        return evidence.Id;
    }

    private void EnsureMayAddEvidence(Plan plan, PlanSection section)
    {
        if (RoleFor(plan, section) is not (TaskRole.Coordinator or TaskRole.Lead or TaskRole.Office))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>Opens an evidence file for download, for anyone who may read the task.</summary>
    public async Task<(TaskEvidence Evidence, Stream Content)> OpenEvidenceAsync(Guid taskId, Guid evidenceId, CancellationToken ct)
    {
        var (plan, section, _) = await LoadAsync(taskId, tracking: false, ct);
        if (RoleFor(plan, section) == TaskRole.None)
        {
            throw new ForbiddenException();
        }

        var evidence = await db.Set<TaskEvidence>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == evidenceId && e.TaskId == taskId, ct) ?? throw new NotFoundException();
        return (evidence, files.Open(evidence.StorageKey));
    }

    public async Task ScheduleAsync(Guid taskId, DateOnly? deadline, TaskRecurrence recurrence, CancellationToken ct)
    {
        var (plan, section, task) = await LoadAsync(taskId, tracking: true, ct);
        if (RoleFor(plan, section) != TaskRole.Office)
        {
            throw new ForbiddenException();
        }

        task.Schedule(deadline, recurrence);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The unit an update is recorded for: the person's own unit, else the section's lead. A person with no unit on a
    /// section led by "all units" (the office, an administrator) has no unit to speak for: refused, never Guid.Empty.
    /// </summary>
    private Guid ActingUnit(PlanSection section) =>
        me.UnitId ?? section.LeadUnitId ?? throw new DomainValidationException("UnitId", "Task.NoActingUnit");

    internal TaskRole RoleFor(Plan plan, PlanSection section)
    {
        if (can.Has(Capability.RunPlan, plan.AgencyId))
        {
            return TaskRole.Office;
        }

        if (me.UnitId is { } unit && can.Has(Capability.WorkOnUnitTasks, plan.AgencyId, unit))
        {
            if (section.LeadUnitId == unit || section.LeadIsAllUnits)
            {
                return TaskRole.Lead;
            }

            if (section.Coordinators.Any(c => c.UnitId == unit))
            {
                return TaskRole.Coordinator;
            }
        }

        return me.CanReadAgency(plan.AgencyId) ? TaskRole.Viewer : TaskRole.None;
    }

    internal static bool IsOverdue(DateOnly? deadline, PlanTaskStatus status, DateOnly today) =>
        deadline is { } d && d < today && status != PlanTaskStatus.Done;

    private static void EnsureIssued(Plan plan)
    {
        if (plan.Status == PlanStatus.Closed)
        {
            throw new DomainValidationException("", "Plan.Closed");
        }

        if (plan.Status != PlanStatus.Issued)
        {
            throw new DomainValidationException("", "Plan.NotIssued");
        }
    }

    internal async Task<(Plan Plan, PlanSection Section, PlanTask Task)> LoadAsync(Guid taskId, bool tracking, CancellationToken ct)
    {
        var query = db.Set<Plan>().AsSplitQuery()
            .Include(p => p.Sections.Where(s => s.Tasks.Any(t => t.Id == taskId))).ThenInclude(s => s.Coordinators)
            .Include(p => p.Sections.Where(s => s.Tasks.Any(t => t.Id == taskId))).ThenInclude(s => s.Tasks.Where(t => t.Id == taskId)).ThenInclude(t => t.Targets)
            .Include(p => p.Sections.Where(s => s.Tasks.Any(t => t.Id == taskId))).ThenInclude(s => s.Tasks.Where(t => t.Id == taskId)).ThenInclude(t => t.Updates);
        var plan = await (tracking ? query : query.AsNoTracking())
            .FirstOrDefaultAsync(p => p.Sections.Any(s => s.Tasks.Any(t => t.Id == taskId)), ct) ?? throw new NotFoundException();
        var section = plan.Sections.Single();
        return (plan, section, section.Tasks.Single());
    }
}
