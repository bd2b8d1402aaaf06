using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

internal sealed class MyTasksModel(TaskWork work, PlanFollowUp followUp, UnitReporting reporting, Sipar.Modules.Accounts.CurrentUser me, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public IReadOnlyList<OwedPeriod> Periods { get; private set; } = [];

    public Guid? UnitId => me.UnitId;

    public IReadOnlyList<MyTask> Tasks { get; private set; } = [];

    public IReadOnlyList<ReminderLine> Reminders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tasks = await work.MyTasksAsync(ct);
        Reminders = await followUp.MyRemindersAsync(ct);
        Periods = me.UnitId is { } unit ? await reporting.OwedByUnitAsync(unit, Tasks.Select(t => t.PlanId).Distinct().ToList(), ct) : [];
    }

    public async Task<IActionResult> OnPostReadAsync(Guid reminderId, CancellationToken ct)
    {
        await followUp.MarkReadAsync(reminderId, ct);
        return Redirect("/my-tasks");
    }
}
