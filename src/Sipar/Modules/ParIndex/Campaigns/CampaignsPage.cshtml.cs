using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Time;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>Chỉ số CCHC: the campaigns a person takes part in, their agency's assessment, and (appraisers) a new campaign.</summary>
internal sealed class CampaignsPageModel(ParCampaigns campaigns, Assessments assessments, ParAccess access, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t)
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name, AgencyKind Kind)> Agencies { get; private set; } = [];

    public Guid? MyAssessment { get; private set; }

    public bool CanManage => access.ManagesCampaigns;

    [BindProperty]
    public CampaignForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = VietnamTime.Today(clock).Year;
        Form = new CampaignForm { Year = year, Name = $"Đánh giá Chỉ số CCHC năm {year}" };
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => RunAsync(
        async () =>
        {
            // Who may change campaigns is asked before the form is read: a caller who may not learns nothing from its errors.
            ParAccess.Ensure(access.ManagesCampaigns);
            var (self, appraisal, explanation) = Form.Deadlines();
            return $"/par/campaigns/{await campaigns.CreateAsync(Form.Year, Form.Name, self, appraisal, explanation, Form.AgencyIds, ct)}";
        },
        "Par.CampaignCreated", () => LoadAsync(ct), "Form.");

    private async Task LoadAsync(CancellationToken ct)
    {
        Campaigns = await campaigns.ListAsync(ct);
        if (me.AgencyId is { } agency)
        {
            MyAssessment = await assessments.MineAsync(agency, ct);
        }

        if (CanManage)
        {
            Agencies = await campaigns.AgenciesToAddAsync(null, ct);
        }
    }
}
