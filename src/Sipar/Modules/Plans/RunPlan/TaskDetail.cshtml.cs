using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Files;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>One task: the lead reports progress and target actuals, coordinators contribute, all attach evidence.</summary>
internal sealed class TaskDetailModel(TaskWork work, TaskChecklists checklists, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    /// <summary>The task's progress by its checklist (none without points): counted as its progress and linked to the units × points grid.</summary>
    public int? ChecklistPercent { get; private set; }

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
        ChecklistPercent = (await checklists.GridAsync(TaskId, ct)).Percent;
        return Page();
    }

    /// <summary>The status as chosen, shown again when saving is refused.</summary>
    public PlanTaskStatus? TypedStatus { get; private set; }

    /// <summary>Status, actuals, note and (optionally) an evidence file, from one form: the file is checked first, so a refused file saves nothing and the page keeps what was typed.</summary>
    public Task<IActionResult> OnPostProgressAsync(PlanTaskStatus status, [Bind(Prefix = "Actuals")] Dictionary<Guid, string?>? actuals, IFormFile? evidence, CancellationToken ct)
    {
        TypedActuals = actuals ?? [];
        TypedStatus = status;
        return Try(
            async () =>
            {
                var file = Chosen(evidence) ? await EvidenceCheck.ReadAsync(evidence, ct) : default((string, string, byte[])?);
                await work.ReportProgressAsync(TaskId, status, Note, actuals ?? [], ct);
                if (file is var (name, type, content))
                {
                    await work.AddEvidenceAsync(TaskId, name, type, content, ct);
                }
            },
            "Task.Saved",
            ct);
    }

    /// <summary>A coordinator's contribution and (optionally) an evidence file; at least one of the two.</summary>
    public Task<IActionResult> OnPostContributionAsync(IFormFile? evidence, CancellationToken ct) =>
        Try(
            async () =>
            {
                var file = Chosen(evidence) ? await EvidenceCheck.ReadAsync(evidence, ct) : default((string, string, byte[])?);
                if (file is null || !string.IsNullOrWhiteSpace(Note))
                {
                    await work.AddContributionAsync(TaskId, Note ?? "", ct);
                }

                if (file is var (name, type, content))
                {
                    await work.AddEvidenceAsync(TaskId, name, type, content, ct);
                }
            },
            "Task.Saved",
            ct);

    public Task<IActionResult> OnPostDeadlineAsync(DateOnly? deadline, TaskRecurrence recurrence, CancellationToken ct) =>
        Try(() => work.ScheduleAsync(TaskId, deadline, recurrence, ct), "Task.Saved", ct);

    public Task<IActionResult> OnPostEvidenceAsync(IFormFile? evidence, CancellationToken ct) =>
        Try(async () =>
        {
            // Who may add evidence is asked before the upload is read or checked.
            await work.EnsureMayAddEvidenceAsync(TaskId, ct);
            var (name, type, content) = await EvidenceCheck.ReadAsync(evidence, ct);
            await work.AddEvidenceAsync(TaskId, name, type, content, ct);
        }, "Task.EvidenceSaved", ct);

    /// <summary>A file was chosen (a browser sends an empty part with no name when none was).</summary>
    private static bool Chosen(IFormFile? file) => file is not null && (file.Length > 0 || !string.IsNullOrEmpty(file.FileName));

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/tasks/{TaskId}", async () => Task = await work.GetAsync(TaskId, ct));
}
