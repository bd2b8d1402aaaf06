using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Plans;

/// <summary>A task's checklist: units × points, each unit ticking its own with date and evidence; the office writes the points.</summary>
internal sealed class TaskChecklistPageModel(TaskChecklists checklists, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid TaskId { get; set; }

    public ChecklistGrid Grid { get; private set; } = null!;

    /// <summary>The points as typed (kept when saving is refused).</summary>
    [BindProperty]
    public string? Points { get; set; }

    private string Here => $"/tasks/{TaskId}/checklist";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Grid = await checklists.GridAsync(TaskId, ct);
        Points = string.Join('\n', Grid.Points.Select(p => p.Text));
    }

    public Task<IActionResult> OnPostPointsAsync(CancellationToken ct) =>
        RunAsync(() => checklists.SetPointsAsync(TaskId, Points, ct), "Common.Saved", Here, LoadAsync);

    public Task<IActionResult> OnPostTickAsync(Guid pointId, Guid unitId, DateOnly? doneOn, string? evidence, CancellationToken ct) =>
        RunAsync(() => checklists.TickAsync(TaskId, pointId, unitId, doneOn, evidence, ct), "Checklist.Ticked", Here, LoadAsync, $"Tick[{pointId}].");

    public Task<IActionResult> OnPostUntickAsync(Guid pointId, Guid unitId, CancellationToken ct) =>
        RunAsync(() => checklists.UntickAsync(TaskId, pointId, unitId, ct), "Checklist.Unticked", Here, LoadAsync);

    private async Task LoadAsync()
    {
        var points = Points;
        Grid = await checklists.GridAsync(TaskId, HttpContext.RequestAborted);
        Points = points ?? string.Join('\n', Grid.Points.Select(p => p.Text));
    }
}
