using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Organisation;

[Authorize(Policy = Policies.Administer)]
internal sealed class EditUnitModel(AgencyAdministration agencies, IStringLocalizer<SharedResource> t) : SiparPageModel(t)
{
    [BindProperty(SupportsGet = true)]
    public Guid AgencyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid UnitId { get; set; }

    [BindProperty]
    public UnitForm Input { get; set; } = new();

    public string AgencyName { get; private set; } = "";

    public IReadOnlyList<UnitNode> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var unit = Units.FirstOrDefault(u => u.Id == UnitId) ?? throw new NotFoundException();
        Input = new UnitForm { Name = unit.Name, ShortName = unit.ShortName, Kind = unit.Kind, ParentId = unit.ParentId, SortOrder = unit.SortOrder };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            await agencies.UpdateUnitAsync(AgencyId, UnitId, Input.ToInput(), ct);
            TempData["Flash"] = Localizer["Common.Saved"].Value;
            return Redirect($"/admin/agencies/{AgencyId}");
        }
        catch (DomainValidationException e)
        {
            e.AddTo(ModelState, Localizer, "Input.");
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        AgencyName = (await agencies.GetAsync(AgencyId, ct)).Name;
        Units = await agencies.UnitTreeAsync(AgencyId, ct);
    }
}
