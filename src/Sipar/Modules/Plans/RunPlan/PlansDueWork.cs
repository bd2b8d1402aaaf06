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
internal sealed class PlansDueWork(TaskWork work, PlanFollowUp followUp, UnitReporting reporting, SiparDbContext db, CurrentUser me, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : IDueWork
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
        var owed = (await reporting.OwedByUnitAsync(unit, plans, ct)).Where(p => p.Due <= horizon && p.Due >= today.AddDays(-Soon)).ToList();
        var ids = owed.Select(p => p.PeriodId).ToList();
        var sent = (await db.Set<UnitReport>().AsNoTracking().Where(r => ids.Contains(r.PeriodId) && r.UnitId == unit && r.FirstSubmittedAt != null).Select(r => r.PeriodId).ToListAsync(ct)).ToHashSet();
        items.AddRange(owed.Where(p => !sent.Contains(p.PeriodId)).Select(p => new DueItem(
            "Home.Due.Report", (p.ReportsOnPlan ? "" : p.TypeCode + " ") + t["PeriodKind." + p.Kind] + " — " + p.PlanTitle, $"/reports/{p.PeriodId}/{unit}", p.Due, p.Due < today)));

        items.AddRange((await followUp.MyRemindersAsync(ct)).Select(r => new DueItem("Home.Due.Reminder", r.Message, r.TaskId is { } task ? $"/tasks/{task}" : "/my-tasks", null, false)));
        return items;
    }
}
