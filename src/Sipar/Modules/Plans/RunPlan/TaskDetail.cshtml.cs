using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>One task: the lead reports progress and target actuals, coordinators contribute, all attach evidence.</summary>
internal sealed class TaskDetailModel(TaskWork work, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid TaskId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>Target values as typed, shown again when saving is refused.</summary>
    public IReadOnlyDictionary<Guid, string?> TypedActuals { get; private set; } = new Dictionary<Guid, string?>();

    public TaskDetail Task { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Task = await work.GetAsync(TaskId, ct);
        return Page();
    }

    public Task<IActionResult> OnPostProgressAsync(PlanTaskStatus status, Dictionary<Guid, string?>? actuals, CancellationToken ct)
    {
        TypedActuals = actuals ?? [];
        return Try(() => work.ReportProgressAsync(TaskId, status, Note, actuals ?? [], ct), "Task.Saved", ct);
    }

    public Task<IActionResult> OnPostContributionAsync(CancellationToken ct) =>
        Try(() => work.AddContributionAsync(TaskId, Note ?? "", ct), "Task.Saved", ct);

    public Task<IActionResult> OnPostDeadlineAsync(DateOnly? deadline, TaskRecurrence recurrence, CancellationToken ct) =>
        Try(() => work.ScheduleAsync(TaskId, deadline, recurrence, ct), "Task.Saved", ct);

    public Task<IActionResult> OnPostEvidenceAsync(IFormFile? evidence, CancellationToken ct) =>
        Try(async () =>
        {
            var (name, type, content) = await EvidenceCheck.ReadAsync(evidence, ct);
            await work.AddEvidenceAsync(TaskId, name, type, content, ct);
        }, "Task.EvidenceSaved", ct);

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/tasks/{TaskId}", async () => Task = await work.GetAsync(TaskId, ct));
}
