using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Email;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Time;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

internal sealed record TableFilter(string? Section = null, Guid? Unit = null, PlanTaskStatus? Status = null, bool Overdue = false);

internal sealed record TableRow(Guid TaskId, string SectionCode, int Order, string Text, string LeadName, IReadOnlyList<string> Coordinators, PlanTaskStatus Status, DateOnly? Deadline, bool Overdue, DateTime? LastUpdate);

internal sealed record FlagLine(Guid Id, string UnitName, UnitFlagKind Kind, string Reason, DateTime At);

internal sealed record ReminderLine(Guid Id, Guid PlanId, string PlanTitle, string Message, DateTime SentAt, Guid? TaskId);

/// <summary>The office follows the plan: the whole plan as a table, reminders (đôn đốc) and flags on units.</summary>
internal sealed class PlanFollowUp(SiparDbContext db, CurrentUser me, Capabilities can, IAgencies agencies, IPeople people, TimeProvider clock, EmailSender email)
{
    public async Task<(Plan Plan, IReadOnlyList<TableRow> Rows, IReadOnlyList<UnitNode> Units)> TableAsync(Guid planId, TableFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var plan = await db.Set<Plan>().AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections).ThenInclude(s => s.Coordinators)
            .Include(p => p.Sections).ThenInclude(s => s.Tasks)
            .FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        me.EnsureCanReadAgency(plan.AgencyId);

        // The table shows each task's last update, not the updates: one grouped query instead of loading a year of notes.
        var lastUpdates = await db.Set<TaskUpdate>().AsNoTracking()
            .Where(u => db.Set<PlanTask>().Any(t => t.Id == u.TaskId && db.Set<PlanSection>().Any(s => s.Id == t.SectionId && s.PlanId == planId)))
            .GroupBy(u => u.TaskId).Select(g => new { TaskId = g.Key, At = g.Max(u => u.At) })
            .ToDictionaryAsync(x => x.TaskId, x => x.At, ct);
        var tree = await agencies.UnitTreeAsync(plan.AgencyId, ct);
        var units = tree.ToDictionary(u => u.Id, u => u.Name);
        var today = VietnamTime.Today(clock);
        var rows = new List<TableRow>();
        foreach (var s in plan.Sections.OrderBy(s => s.Order))
        {
            if (filter.Section is { Length: > 0 } code && s.Code != code)
            {
                continue;
            }

            if (filter.Unit is { } unit && !(s.LeadUnitId == unit || s.LeadIsAllUnits || s.Coordinators.Any(c => c.UnitId == unit)))
            {
                continue;
            }

            foreach (var t in s.Tasks.OrderBy(t => t.Order))
            {
                var overdue = TaskWork.IsOverdue(t.Deadline, t.Status, today);
                if ((filter.Status is { } st && t.Status != st) || (filter.Overdue && !overdue))
                {
                    continue;
                }

                rows.Add(new TableRow(t.Id, s.Code, t.Order, t.Text,
                    s.LeadIsAllUnits ? PlanTextParser.AllUnits : units.GetValueOrDefault(s.LeadUnitId ?? Guid.Empty, "?"),
                    s.Coordinators.Select(c => units.GetValueOrDefault(c.UnitId, "?")).ToList(), t.Status, t.Deadline, overdue,
                    lastUpdates.TryGetValue(t.Id, out var last) ? last : null));
            }
        }

        return (plan, rows, tree);
    }

    public async Task<Guid> SendReminderAsync(Guid planId, Guid unitId, Guid? taskId, string message, CancellationToken ct)
    {
        var plan = await OfficePlanAsync(planId, ct);
        await EnsureUnitAsync(plan, unitId, ct);
        var reminder = Reminder.Send(planId, unitId, taskId, message, me.Id!.Value, clock.GetUtcNow().UtcDateTime);
        db.Add(reminder);
        await db.SaveChangesAsync(ct);
        if (email.Enabled)
        {
            var to = await people.EmailsOfUnitAsync(unitId, ct);
            var sent = await email.SendAsync(to, $"[Sipar] Đôn đốc thực hiện: {plan.Title}", $"{reminder.Message}\n\n— {me.FullName}", ct);
            reminder.RecordEmails(sent);
            await db.SaveChangesAsync(ct);
        }

        return reminder.Id;
    }

    public async Task RaiseFlagAsync(Guid planId, Guid unitId, UnitFlagKind kind, string reason, CancellationToken ct)
    {
        var plan = await OfficePlanAsync(planId, ct);
        await EnsureUnitAsync(plan, unitId, ct);
        db.Add(UnitFlag.Raise(planId, unitId, kind, reason, me.Id!.Value, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<FlagLine>> FlagsAsync(Guid planId, Guid agencyId, CancellationToken ct)
    {
        me.EnsureCanReadAgency(agencyId);
        var flags = await db.Set<UnitFlag>().AsNoTracking().Where(f => f.PlanId == planId).OrderByDescending(f => f.At)
            .Select(f => new { f.Id, f.UnitId, f.Kind, f.Reason, f.At }).ToListAsync(ct);
        var units = await agencies.UnitsByIdAsync(flags.Select(f => f.UnitId).Distinct().ToList(), ct);
        return flags.Select(f => new FlagLine(f.Id, units.TryGetValue(f.UnitId, out var u) ? u.Name : "?", f.Kind, f.Reason, f.At)).ToList();
    }

    /// <summary>Unread reminders sent to the signed-in person's unit.</summary>
    public async Task<IReadOnlyList<ReminderLine>> MyRemindersAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit)
        {
            return [];
        }

        return await db.Set<Reminder>().AsNoTracking().Where(r => r.UnitId == unit && r.ReadAt == null).OrderByDescending(r => r.SentAt)
            .Select(r => new ReminderLine(r.Id, r.PlanId, db.Set<Plan>().Where(p => p.Id == r.PlanId).Select(p => p.Title).First(), r.Message, r.SentAt, r.TaskId))
            .ToListAsync(ct);
    }

    public async Task MarkReadAsync(Guid reminderId, CancellationToken ct)
    {
        var reminder = await db.Set<Reminder>().FirstOrDefaultAsync(r => r.Id == reminderId, ct) ?? throw new NotFoundException();
        if (reminder.UnitId != me.UnitId)
        {
            throw new ForbiddenException();
        }

        reminder.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }

    public bool IsOffice(Guid agencyId) => can.Has(Capability.RunPlan, agencyId);

    private async Task<Plan> OfficePlanAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        can.Ensure(Capability.RunPlan, plan.AgencyId);

        return plan;
    }

    private async Task EnsureUnitAsync(Plan plan, Guid unitId, CancellationToken ct)
    {
        if (!(await agencies.UnitsByIdAsync([unitId], ct)).TryGetValue(unitId, out var unit) || unit.AgencyId != plan.AgencyId)
        {
            throw new DomainValidationException("UnitId", "Error.UnitOtherAgency");
        }
    }
}
