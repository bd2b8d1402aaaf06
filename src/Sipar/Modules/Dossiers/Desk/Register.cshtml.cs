using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Dossiers;

/// <summary>Sổ theo dõi hồ sơ (form 07) with the desk's receive form.</summary>
internal sealed class RegisterModel(DossierDesk desk, ProcedureCatalogue catalogue, CurrentUser me, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public DossierStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Due { get; set; }

    private RegisterFilter Filter => new(Status, Q, From, To, Due);

    [BindProperty]
    public Guid ProcedureId { get; set; }

    [BindProperty]
    public string? ApplicantName { get; set; }

    [BindProperty]
    public string? ApplicantPhone { get; set; }

    [BindProperty]
    public string? ApplicantEmail { get; set; }

    [BindProperty]
    public string? ApplicantAddress { get; set; }

    [BindProperty]
    public DossierChannel Channel { get; set; }

    [BindProperty]
    public DateTime? ReceivedAt { get; set; }

    public IReadOnlyList<DossierRow> Rows { get; private set; } = [];

    public Infrastructure.Web.Pager? Pager { get; private set; }

    public IReadOnlyList<ProcedureRow> Procedures { get; private set; } = [];

    public bool CanReceive { get; private set; }

    public bool CanIndicators { get; private set; }

    public bool CanImport { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.AgencyId is null)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Form 07 as .xlsx, with the filter shown.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        me.AgencyId is { } agency ? File(await desk.RegisterWorkbookAsync(agency, Filter, ct), DossiersModule.Xlsx, "so-theo-doi-ho-so.xlsx") : Forbid();

    public Task<IActionResult> OnPostReceiveAsync(CancellationToken ct) => RunAsync(
        async () => "/dossiers/" + await desk.ReceiveAsync(me.AgencyId ?? Guid.Empty, new ReceiveInput(ProcedureId, ApplicantName, ApplicantPhone, ApplicantEmail, ApplicantAddress, Channel, ReceivedAt), ct),
        "Dossier.Saved", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct)
    {
        var agency = me.AgencyId ?? Guid.Empty;
        CanReceive = can.Has(Capability.ReceiveDossiers, agency);
        CanIndicators = can.Has(Capability.ReadAgency, agency);
        CanImport = can.Has(Capability.ManageProcedures, agency);
        var pager = Infrastructure.Web.Pager.From(Request);
        (Rows, Pager) = pager.Cut(await desk.RegisterAsync(agency, Filter, ct, pager.Size + 1, pager.Skip));
        Procedures = CanReceive ? await catalogue.SearchAsync(agency, null, null, null, ct, take: 1000) : [];
    }
}
