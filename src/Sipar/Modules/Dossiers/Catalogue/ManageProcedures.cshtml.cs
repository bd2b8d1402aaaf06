using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Dossiers;

/// <summary>The office's catalogue: the agency's procedures and a form to add one.</summary>
internal sealed class ManageProceduresModel(ProcedureCatalogue catalogue, ProcedureImport import, CurrentUser me, Capabilities can, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Field { get; set; }

    [BindProperty]
    public int TimeLimit { get; set; }

    [BindProperty]
    public TimeLimitUnit Unit { get; set; }

    [BindProperty]
    public TimeOnly? Cutoff { get; set; }

    [BindProperty]
    public string? Documents { get; set; }

    [BindProperty]
    public long Fee { get; set; }

    [BindProperty]
    public OnlineLevel Level { get; set; }

    [BindProperty]
    public string? LegalBasis { get; set; }

    [BindProperty]
    public string? Steps { get; set; }

    public IReadOnlyList<ProcedureRow> Rows { get; private set; } = [];

    public bool CanManage => me.AgencyId is { } a && can.Has(Capability.ManageProcedures, a);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The catalogue as .xlsx, in the columns the import reads back.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (me.AgencyId is not { } agency || !can.Has(Capability.ReadAgency, agency))
        {
            return Forbid();
        }

        return File(await import.ExportAsync(agency, ct), DossiersModule.Xlsx, "danh-muc-thu-tuc.xlsx");
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) => RunAsync(
        () => catalogue.AddAsync(me.AgencyId ?? Guid.Empty, new ProcedureInput(Code, Name, Field, null, TimeLimit, Unit, Cutoff, Documents, Fee, Level, LegalBasis, Steps: Steps), ct),
        "Procedure.Added", "/dossiers/procedures", () => LoadAsync(ct));

    private async Task LoadAsync(CancellationToken ct) => Rows = me.AgencyId is { } a ? await catalogue.SearchAsync(a, null, null, null, ct, take: 1000) : [];
}
