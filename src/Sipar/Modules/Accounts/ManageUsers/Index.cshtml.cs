using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Accounts;

[Authorize(Policy = Policies.Administer)]
internal sealed class ManageUsersModel(UserAdministration users, AgencyAdministration agencies) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public IReadOnlyList<AgencySummary> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agencies = await agencies.ListAsync(null, ct);
        Users = await users.ListAsync(Agency, Q, ct);
    }
}
