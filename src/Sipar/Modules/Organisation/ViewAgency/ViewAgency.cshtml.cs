using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

/// <summary>An agency and its units, for the people of that agency (and province-wide roles).</summary>
internal sealed class ViewAgencyModel(AgencyAdministration agencies, CurrentUser me, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AgencySummary Agency { get; private set; } = null!;

    public IReadOnlyList<UnitNode> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!me.CanReadAgency(Id))
        {
            return Forbid();
        }

        Agency = await agencies.GetAsync(Id, ct);
        Units = await agencies.UnitTreeAsync(Id, ct);
        return Page();
    }
}
