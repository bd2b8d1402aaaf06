using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>The office's view of the whole plan, with filters, reminders and flags (plan part III.2).</summary>
internal sealed class FollowUpPageModel(PlanFollowUp followUp, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Section { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public PlanTaskStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string PlanTitle { get; private set; } = "";

    public bool IsOffice { get; private set; }

    public IReadOnlyList<string> SectionCodes { get; private set; } = [];

    public IReadOnlyList<TableRow> Rows { get; private set; } = [];

    public IReadOnlyList<UnitNode> Units { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public Task<IActionResult> OnPostRemindAsync(Guid unitId, CancellationToken ct) =>
        Try(() => followUp.SendReminderAsync(Id, unitId, null, Message ?? "", ct), "FollowUp.Sent", ct);

    public Task<IActionResult> OnPostFlagAsync(Guid unitId, UnitFlagKind kind, CancellationToken ct) =>
        Try(() => followUp.RaiseFlagAsync(Id, unitId, kind, Reason ?? "", ct), "FollowUp.Raised", ct);

    private Task<IActionResult> Try(Func<Task> action, string done, CancellationToken ct) =>
        RunAsync(action, done, $"/plans/{Id}/follow-up", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var (plan, rows, units) = await followUp.TableAsync(Id, new TableFilter(Section, Unit, Status, Overdue), ct);
        PlanTitle = plan.Title;
        SectionCodes = plan.Sections.OrderBy(s => s.Order).Select(s => s.Code).ToList();
        Rows = rows;
        Units = units;
        IsOffice = followUp.IsOffice(plan.AgencyId);
    }
}
