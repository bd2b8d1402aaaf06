using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

[Authorize(Policy = Policies.Administer)]
internal sealed class ManageAgencyModel(AgencyAdministration agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AgencyForm Input { get; set; } = new();

    [BindProperty]
    public UnitForm NewUnit { get; set; } = new();

    public AgencySummary Agency { get; private set; } = null!;

    public IReadOnlyList<UnitNode> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        Input = new AgencyForm { Name = Agency.Name, Symbol = Agency.Symbol, PlaceName = Agency.PlaceName, Kind = Agency.Kind, ReportRecipients = Agency.ReportRecipients, Hotline = Agency.Hotline, Email = Agency.Email };
    }

    public Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        Try(() => agencies.UpdateAsync(Id, Input.ToInput(), ct), "Input.", ct);

    public Task<IActionResult> OnPostAddUnitAsync(CancellationToken ct) =>
        Try(() => agencies.AddUnitAsync(Id, NewUnit.ToInput(), ct), "NewUnit.", ct);

    public Task<IActionResult> OnPostDeleteUnitAsync(Guid unitId, CancellationToken ct) =>
        Try(() => agencies.DeleteUnitAsync(Id, unitId, ct), "", ct, "Unit.Deleted");

    private async Task<IActionResult> Try(Func<Task> action, string prefix, CancellationToken ct, string done = "Common.Saved")
    {
        try
        {
            await action();
            TempData["Flash"] = Localizer[done].Value;
            return Redirect($"/admin/agencies/{Id}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, prefix);
            await LoadAsync(ct);
            if (prefix != "Input.")
            {
                Input = new AgencyForm { Name = Agency.Name, Symbol = Agency.Symbol, PlaceName = Agency.PlaceName, Kind = Agency.Kind, ReportRecipients = Agency.ReportRecipients, Hotline = Agency.Hotline, Email = Agency.Email };
            }

            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Agency = await agencies.GetAsync(Id, ct);
        Units = await agencies.UnitTreeAsync(Id, ct);
    }
}
