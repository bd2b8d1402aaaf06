using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Web;

namespace Sipar.Modules.Accounts;

[Authorize(Policy = Policies.Administer)]
internal sealed class ManageUsersModel(UserAdministration users, IPlaces places, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Agency { get; set; }

    public IReadOnlyList<UserSummary> Users { get; private set; } = [];

    public IReadOnlyList<PlaceAgency> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Agencies = await places.AllAsync(ct);
        Users = await users.ListAsync(Agency, Q, ct);
    }
}
