using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sipar.Modules.Plans;

internal sealed class MyTasksModel(TaskWork work) : PageModel
{
    public IReadOnlyList<MyTask> Tasks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Tasks = await work.MyTasksAsync(ct);
}
