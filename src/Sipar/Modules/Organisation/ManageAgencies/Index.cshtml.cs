using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

[Authorize(Policy = Policies.Administer)]
internal sealed class ManageAgenciesModel(AgencyAdministration agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty]
    public AgencyForm Input { get; set; } = new();

    public IReadOnlyList<AgencySummary> Agencies { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Agencies = await agencies.ListAsync(Q, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var id = await agencies.CreateAsync(Input.ToInput(), ct);
            TempData["Flash"] = Localizer["Agencies.Created"].Value;
            return Redirect($"/admin/agencies/{id}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, "Input.");
            Agencies = await agencies.ListAsync(Q, ct);
            return Page();
        }
    }
}
