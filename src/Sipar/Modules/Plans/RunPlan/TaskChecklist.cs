using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>A point to check on a task, for every unit of the task (e.g. "Công bố phạm vi áp dụng ISO 9001").</summary>
internal sealed class ChecklistPoint
{
    public const int TextMaxLength = 500;
    public const int MaxPoints = 30;

    private ChecklistPoint()
    {
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public int Order { get; private set; }

    public string Text { get; private set; } = "";

    public static ChecklistPoint Create(Guid taskId, int order, string text) => new() { Id = Guid.CreateVersion7(), TaskId = taskId, Order = order, Text = text };

    public void MoveTo(int order) => Order = order;
}

/// <summary>A unit has done a point: on which day, with what evidence (a decision's number, a link, a short note).</summary>
internal sealed class ChecklistTick
{
    public const int EvidenceMaxLength = 2000;

    private ChecklistTick()
    {
    }

    public Guid Id { get; private set; }

    public Guid PointId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateOnly DoneOn { get; private set; }

    public string Evidence { get; private set; } = "";

    public Guid UserId { get; private set; }

    public DateTime At { get; private set; }

    public static ChecklistTick Create(Guid pointId, Guid unitId, DateOnly doneOn, string evidence, Guid userId, DateTime at) =>
        new() { Id = Guid.CreateVersion7(), PointId = pointId, UnitId = unitId, DoneOn = doneOn, Evidence = evidence, UserId = userId, At = at };

    public void Change(DateOnly doneOn, string evidence, Guid userId, DateTime at)
    {
        (DoneOn, Evidence, UserId, At) = (doneOn, evidence, userId, at);
    }
}

internal sealed record ChecklistTickView(Guid PointId, Guid UnitId, DateOnly DoneOn, string Evidence, string By);

/// <summary>The units × points grid of a task's checklist, and what the signed-in person may do with it.</summary>
internal sealed record ChecklistGrid(
    Guid TaskId, Guid PlanId, string TaskLabel, string TaskText, IReadOnlyList<(Guid Id, string Text)> Points, IReadOnlyList<(Guid Id, string Name)> Units,
    IReadOnlyList<ChecklistTickView> Ticks, bool CanEditPoints, IReadOnlyList<Guid> MyUnits)
{
    public int Expected => Points.Count * Units.Count;

    public int Done => Ticks.Count;

    /// <summary>The task's progress by its checklist, in percent; none without points.</summary>
    public int? Percent => Expected == 0 ? null : (int)Math.Round(100.0 * Done / Expected, MidpointRounding.AwayFromZero);

    public ChecklistTickView? Tick(Guid pointId, Guid unitId) => Ticks.FirstOrDefault(t => t.PointId == pointId && t.UnitId == unitId);
}

/// <summary>
/// Checklists on tasks (II.5 of the seed: the office checks how each unit applies and maintains its ISO 9001 system):
/// the office writes the points, each unit of the task ticks its own with a date and evidence, and the grid shows who
/// has not done what. Ticks over points × units are the task's progress.
/// </summary>
internal sealed class TaskChecklists(SiparDbContext db, TaskWork work, CurrentUser me, Capabilities can, IAgencies agencies, IPeople people, TimeProvider clock)
{
    public async Task<ChecklistGrid> GridAsync(Guid taskId, CancellationToken ct)
    {
        var (plan, section, task) = await work.LoadAsync(taskId, tracking: false, ct);
        if (work.RoleFor(plan, section) == TaskRole.None)
        {
            throw new ForbiddenException();
        }

        var units = await UnitsAsync(plan, section, ct);
        var points = await db.Set<ChecklistPoint>().AsNoTracking().Where(p => p.TaskId == taskId).OrderBy(p => p.Order).ToListAsync(ct);
        var pointIds = points.Select(p => p.Id).ToList();
        var ticks = await db.Set<ChecklistTick>().AsNoTracking().Where(t => pointIds.Contains(t.PointId)).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToHashSet();
        ticks = ticks.Where(t => unitIds.Contains(t.UnitId)).ToList();
        var names = await people.NamesAsync(ticks.Select(t => t.UserId).Distinct().ToList(), ct);
        return new ChecklistGrid(
            task.Id, plan.Id, $"{section.Code}.{task.Order}", task.Text, points.Select(p => (p.Id, p.Text)).ToList(), units,
            ticks.Select(t => new ChecklistTickView(t.PointId, t.UnitId, t.DoneOn, t.Evidence, names.GetValueOrDefault(t.UserId, "?"))).ToList(),
            plan.Status != PlanStatus.Closed && can.Has(Capability.RunPlan, plan.AgencyId),
            plan.Status == PlanStatus.Closed ? [] : units.Where(u => can.Has(Capability.WorkOnUnitTasks, plan.AgencyId, u.Id)).Select(u => u.Id).ToList());
    }

    /// <summary>The office writes the points, one a line; a point some unit has ticked cannot be taken out.</summary>
    public async Task SetPointsAsync(Guid taskId, string? lines, CancellationToken ct)
    {
        var (plan, _, _) = await work.LoadAsync(taskId, tracking: false, ct);
        can.Ensure(Capability.RunPlan, plan.AgencyId);
        EnsureOpen(plan);
        var texts = (lines ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (texts.Count > ChecklistPoint.MaxPoints)
        {
            throw new DomainValidationException("Points", "Checklist.TooMany", ChecklistPoint.MaxPoints);
        }

        if (texts.FirstOrDefault(t => t.Length > ChecklistPoint.TextMaxLength) is { } longText)
        {
            throw new DomainValidationException("Points", "Checklist.PointTooLong", ChecklistPoint.TextMaxLength, longText[..40] + "…");
        }

        var points = await db.Set<ChecklistPoint>().Where(p => p.TaskId == taskId).ToListAsync(ct);
        var removed = points.Where(p => !texts.Contains(p.Text)).ToList();
        var removedIds = removed.Select(p => p.Id).ToList();
        if (await db.Set<ChecklistTick>().Where(t => removedIds.Contains(t.PointId)).Join(db.Set<ChecklistPoint>(), t => t.PointId, p => p.Id, (t, p) => p.Text).FirstOrDefaultAsync(ct) is { } ticked)
        {
            throw new DomainValidationException("Points", "Checklist.PointHasTicks", ticked);
        }

        db.RemoveRange(removed);
        for (var i = 0; i < texts.Count; i++)
        {
            if (points.Find(p => p.Text == texts[i]) is { } kept)
            {
                kept.MoveTo(i + 1);
            }
            else
            {
                db.Add(ChecklistPoint.Create(taskId, i + 1, texts[i]));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A unit's officer ticks (or re-ticks) a point for the unit: a unit that is not one of the task's is refused.</summary>
    public async Task TickAsync(Guid taskId, Guid pointId, Guid unitId, DateOnly? doneOn, string? evidence, CancellationToken ct)
    {
        var (plan, section, _) = await work.LoadAsync(taskId, tracking: false, ct);
        if (!can.Has(Capability.WorkOnUnitTasks, plan.AgencyId, unitId))
        {
            throw new ForbiddenException();
        }

        EnsureOpen(plan);
        var point = await db.Set<ChecklistPoint>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == pointId && p.TaskId == taskId, ct) ?? throw new NotFoundException();
        if (!(await UnitsAsync(plan, section, ct)).Any(u => u.Id == unitId))
        {
            throw new DomainValidationException("UnitId", "Checklist.UnitNotOwner");
        }

        var errors = new ValidationErrors();
        var text = (evidence ?? "").Trim();
        errors.Required("Evidence", text, "Checklist.EvidenceLabel");
        errors.MaxLength("Evidence", text, ChecklistTick.EvidenceMaxLength);
        var today = VietnamTime.Today(clock);
        if (doneOn is null)
        {
            errors.Add("DoneOn", "Calendar.RequiredDate");
        }
        else if (doneOn > today)
        {
            errors.Add("DoneOn", "Checklist.DoneInFuture");
        }

        errors.ThrowIfAny();
        var at = clock.GetUtcNow().UtcDateTime;
        var user = me.Id ?? throw new ForbiddenException();
        if (await db.Set<ChecklistTick>().FirstOrDefaultAsync(t => t.PointId == point.Id && t.UnitId == unitId, ct) is { } tick)
        {
            tick.Change(doneOn!.Value, text, user, at);
        }
        else
        {
            db.Add(ChecklistTick.Create(point.Id, unitId, doneOn!.Value, text, user, at));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>A unit takes back its tick (done by mistake).</summary>
    public async Task UntickAsync(Guid taskId, Guid pointId, Guid unitId, CancellationToken ct)
    {
        var (plan, _, _) = await work.LoadAsync(taskId, tracking: false, ct);
        if (!can.Has(Capability.WorkOnUnitTasks, plan.AgencyId, unitId))
        {
            throw new ForbiddenException();
        }

        EnsureOpen(plan);
        var tick = await db.Set<ChecklistTick>().Where(t => t.PointId == pointId && t.UnitId == unitId)
            .Join(db.Set<ChecklistPoint>().Where(p => p.TaskId == taskId), t => t.PointId, p => p.Id, (t, _) => t).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        db.Remove(tick);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The units a task's checklist asks: its section's lead and supporting units (every unit when the lead is "all units").</summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> UnitsAsync(Plan plan, PlanSection section, CancellationToken ct)
    {
        var units = await agencies.UnitsAsync(plan.AgencyId, ct);
        var owing = section.Coordinators.Select(c => c.UnitId).Append(section.LeadUnitId ?? Guid.Empty).ToHashSet();
        return units.Where(u => section.LeadIsAllUnits || owing.Contains(u.Id)).Select(u => (u.Id, u.Name)).ToList();
    }

    private static void EnsureOpen(Plan plan)
    {
        if (plan.Status != PlanStatus.Issued)
        {
            throw new DomainValidationException("", plan.Status == PlanStatus.Closed ? "Plan.Closed" : "Obligation.PlanNotIssued");
        }
    }
}
