using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>One dossier: its record, its timeline (the control sheet) and the actions the person may take now.</summary>
internal sealed class DossierPageModel(DossierDesk desk, IAgencies agencies, Accounts.IPeople people, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public List<string> Documents { get; set; } = [];

    [BindProperty]
    public string? Missing { get; set; }

    [BindProperty]
    public string? OverrideReason { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? UnitId { get; set; }

    [BindProperty]
    public Guid? OfficerId { get; set; }

    [BindProperty]
    public DateOnly? StepDue { get; set; }

    /// <summary>The procedure's step the hand-over is for (its index in the dossier's plan).</summary>
    [BindProperty]
    public int? Step { get; set; }

    [BindProperty]
    public DateOnly? NewDate { get; set; }

    [BindProperty]
    public ResultDelivery Delivery { get; set; }

    public DossierView View { get; private set; } = null!;

    public IReadOnlyList<UnitInfo> Units { get; private set; } = [];

    /// <summary>The people of the agency's units, for handing the dossier to a named officer.</summary>
    public IReadOnlyList<Accounts.Person> Officers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => Run(() => desk.AcceptAsync(Id, Documents, ct), ct);

    public Task<IActionResult> OnPostSupplementAsync(CancellationToken ct) =>
        Run(() => desk.RequestSupplementAsync(Id, (Missing ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), OverrideReason, ct), ct);

    public Task<IActionResult> OnPostCompleteAsync(CancellationToken ct) => Run(() => desk.CompleteSupplementAsync(Id, ct), ct);

    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) => Run(() => desk.RefuseAsync(Id, Reason, ct), ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) => Run(() => desk.AssignAsync(Id, UnitId ?? Guid.Empty, OfficerId, Step, StepDue, ct), ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => Run(() => desk.SubmitForSignatureAsync(Id, ct), ct);

    public Task<IActionResult> OnPostSignAsync(CancellationToken ct) => Run(() => desk.SignAsync(Id, ct), ct);

    public Task<IActionResult> OnPostReturnAsync(CancellationToken ct) => Run(() => desk.ReturnAsync(Id, Delivery, ct), ct);

    public Task<IActionResult> OnPostApologyAsync(CancellationToken ct) => Run(() => desk.RequestApologyAsync(Id, Reason, NewDate, ct), ct);

    public Task<IActionResult> OnPostApproveApologyAsync(CancellationToken ct) => Run(() => desk.ApproveApologyAsync(Id, ct), ct);

    public Task<IActionResult> OnPostStopAsync(CancellationToken ct) => Run(() => desk.StopAsync(Id, Reason, ct), ct);

    private Task<IActionResult> Run(Func<Task> action, CancellationToken ct) => RunAsync(action, "Dossier.Saved", $"/dossiers/{Id}", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        View = await desk.GetAsync(Id, ct);
        Units = await agencies.UnitsAsync(View.Dossier.AgencyId, ct);
        Officers = View.CanDesk || View.CanProcess ? await people.InUnitsAsync(Units.Select(u => u.Id).ToList(), ct) : [];
    }
}
