using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Dossiers;

/// <summary>The public procedure catalogue (no login): search without diacritics, filters by field and online level.</summary>
[AllowAnonymous]
internal sealed class PublicCatalogueModel(ProcedureCatalogue catalogue, Organisation.IAgencies agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Field { get; set; }

    [BindProperty(SupportsGet = true)]
    public OnlineLevel? Level { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IReadOnlyList<ProcedureRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Fields { get; private set; } = [];

    /// <summary>The agency whose catalogue this is (its contacts at the foot of the page); null: the province's.</summary>
    public Organisation.AgencyInfo? AgencyInfo { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rows = await catalogue.SearchAsync(Agency, Q, Field, Level, ct);
        Fields = await catalogue.FieldsAsync(Agency, ct);
        AgencyInfo = Agency is { } a ? await agencies.FindAsync(a, ct) : null;
    }
}
