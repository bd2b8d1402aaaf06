using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Home;

/// <summary>One agency's citizens' portal (no login): the modules' entries for this agency, its hotline and email.</summary>
[AllowAnonymous]
internal sealed class AgencyPortalModel(IAgencies agencies, IEnumerable<CitizenEntry> entries, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    public AgencyInfo Agency { get; private set; } = null!;

    public IReadOnlyList<CitizenEntry> Entries { get; } = entries.OrderBy(e => e.Order).ToList();

    public async Task OnGetAsync(Guid id, CancellationToken ct) => Agency = await agencies.FindAsync(id, ct) ?? throw new NotFoundException();
}
