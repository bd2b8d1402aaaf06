using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sipar.Modules.Plans;

internal sealed class MyTasksModel(TaskWork work, PlanFollowUp followUp) : PageModel
{
    public IReadOnlyList<MyTask> Tasks { get; private set; } = [];

    public IReadOnlyList<ReminderLine> Reminders { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Tasks = await work.MyTasksAsync(ct);
        Reminders = await followUp.MyRemindersAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid reminderId, CancellationToken ct)
    {
        await followUp.MarkReadAsync(reminderId, ct);
        return Redirect("/my-tasks");
    }
}
