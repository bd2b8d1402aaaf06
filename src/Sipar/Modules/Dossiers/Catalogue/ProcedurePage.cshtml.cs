using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Dossiers;

/// <summary>One procedure as published: documents, time limit, fees, online level, legal basis, and whom to call.</summary>
[AllowAnonymous]
internal sealed class ProcedurePageModel(ProcedureCatalogue catalogue, IAgencies agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public Procedure Procedure { get; private set; } = null!;

    public AgencyInfo? Agency { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Procedure = await catalogue.GetAsync(id, ct);
        Agency = await agencies.FindAsync(Procedure.AgencyId, ct);
    }
}
