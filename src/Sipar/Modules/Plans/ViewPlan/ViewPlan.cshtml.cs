using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Plans;

internal sealed class ViewPlanModel(PlanQueries plans, PlanLifecycle lifecycle, PlanFollowUp followUp, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public IReadOnlyList<FlagLine> Flags { get; private set; } = [];

    public PlanView Plan { get; private set; } = null!;

    [BindProperty]
    public string? IssueNumber { get; set; }

    [BindProperty]
    public DateOnly? IssueDate { get; set; }

    public bool CanIssue => Plan.Status == PlanStatus.Draft && can.Has(Capability.RunPlan, Plan.AgencyId);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        IssueNumber = Plan.Number;
        IssueDate = Plan.IssuedOn;
        return Page();
    }

    public bool CanClose => Plan.Status == PlanStatus.Issued && can.Has(Capability.RunPlan, Plan.AgencyId);

    public Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        RunAsync(() => lifecycle.CloseAsync(id, ct), "Plan.ClosedDone", $"/plans/{id}", () => LoadAsync(id, ct));

    /// <summary>Issuing locks the plan: the first post checks the number and date and shows what will be locked (and any plan it may duplicate); the confirmed post issues.</summary>
    public Task<IActionResult> OnPostIssueAsync(Guid id, bool confirmed, CancellationToken ct) =>
        confirmed
            ? RunAsync(() => lifecycle.IssueAsync(id, IssueNumber, IssueDate, ct), "Plan.IssuedDone", $"/plans/{id}", () => LoadAsync(id, ct))
            : AskFirstAsync(
                async () => (await lifecycle.CheckIssueAsync(id, IssueNumber, IssueDate, ct))
                    .Select(d => Localizer["Plan.DuplicateIssued", d.Number, Show.Date(d.IssuedOn) ?? "…"].Value).ToList(),
                warnings => new Confirmation(
                    "Issue", Localizer["Plan.IssueConfirmTitle"], Localizer["Plan.IssueConfirmLocks", IssueNumber?.Trim() ?? "", Show.Date(IssueDate) ?? ""], warnings,
                    [new("IssueNumber", IssueNumber), new("IssueDate", Show.Date(IssueDate))], Localizer["Plan.IssueConfirm"], $"/plans/{id}"),
                () => LoadAsync(id, ct));

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await plans.GetAsync(id, ct);
        Flags = await followUp.FlagsAsync(id, Plan.AgencyId, ct);
    }
}
