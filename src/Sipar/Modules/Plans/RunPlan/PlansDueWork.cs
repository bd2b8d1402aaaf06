using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

/// <summary>
/// For the home page: the person's unit's tasks that are late or due in the next <see cref="Soon"/> days, its reports
/// due in that time and not yet sent, and its unread reminders.
/// </summary>
internal sealed class PlansDueWork(TaskWork work, PlanFollowUp followUp, SiparDbContext db, CurrentUser me, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : IDueWork
{
    public const int Soon = 14;

    public async Task<IReadOnlyList<DueItem>> ForMeAsync(CancellationToken ct)
    {
        if (me.UnitId is not { } unit)
        {
            return [];
        }

        var today = VietnamTime.Today(clock);
        var items = new List<DueItem>();
        var tasks = await work.MyTasksAsync(ct);
        items.AddRange(tasks.Where(t => t.Status != PlanTaskStatus.Done && t.Deadline is { } d && d <= today.AddDays(Soon))
            .Select(t => new DueItem("Home.Due.Task", $"{t.SectionCode}.{t.Order}. {(t.Text.Length > 120 ? t.Text[..120] + "…" : t.Text)}", $"/tasks/{t.TaskId}", t.Deadline, t.Overdue)));

        var plans = tasks.Select(t => t.PlanId).Distinct().ToList();
        var horizon = today.AddDays(Soon);
        var periods = await db.Set<ReportingPeriod>().AsNoTracking()
            .Where(p => plans.Contains(p.PlanId) && p.InternalDueDate <= horizon && p.InternalDueDate >= today.AddDays(-Soon))
            .Where(p => !db.Set<UnitReport>().Any(r => r.PeriodId == p.Id && r.UnitId == unit && r.FirstSubmittedAt != null))
            .Select(p => new { p.Id, p.Kind, p.InternalDueDate, Plan = db.Set<Plan>().Where(x => x.Id == p.PlanId).Select(x => x.Title).First() })
            .ToListAsync(ct);
        items.AddRange(periods.Select(p => new DueItem("Home.Due.Report", t["PeriodKind." + p.Kind] + " — " + p.Plan, $"/reports/{p.Id}/{unit}", p.InternalDueDate, p.InternalDueDate < today)));

        items.AddRange((await followUp.MyRemindersAsync(ct)).Select(r => new DueItem("Home.Due.Reminder", r.Message, r.TaskId is { } task ? $"/tasks/{task}" : "/my-tasks", null, false)));
        return items;
    }
}
