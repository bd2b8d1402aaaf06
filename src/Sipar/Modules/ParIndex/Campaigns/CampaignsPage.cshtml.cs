using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>Chỉ số CCHC: the campaigns a person takes part in, their agency's assessment, and (appraisers) a new campaign.</summary>
internal sealed class CampaignsPageModel(ParCampaigns campaigns, Assessments assessments, ParAccess access, CurrentUser me, SiparDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> t)
    : SiparPageModel(t)
{
    public IReadOnlyList<CampaignSummary> Campaigns { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name, AgencyKind Kind)> Agencies { get; private set; } = [];

    public Guid? MyAssessment { get; private set; }

    public bool CanManage => access.ManagesCampaigns;

    [BindProperty]
    public int Year { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public DateOnly? SelfAssessmentDue { get; set; }

    [BindProperty]
    public DateOnly? AppraisalDue { get; set; }

    [BindProperty]
    public DateOnly? ExplanationDue { get; set; }

    [BindProperty]
    public List<Guid> AgencyIds { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var year = clock.GetLocalNow().Year;
        Year = year;
        Name = $"Đánh giá Chỉ số CCHC năm {year}";
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostCreateAsync(CancellationToken ct) => RunAsync(
        async () =>
        {
            var errors = new ValidationErrors();
            RequireDate(errors, nameof(SelfAssessmentDue), SelfAssessmentDue, "Par.SelfAssessmentDue");
            RequireDate(errors, nameof(AppraisalDue), AppraisalDue, "Par.AppraisalDue");
            RequireDate(errors, nameof(ExplanationDue), ExplanationDue, "Par.ExplanationDue");
            errors.ThrowIfAny();
            var id = await campaigns.CreateAsync(Year, Name, SelfAssessmentDue!.Value, AppraisalDue!.Value, ExplanationDue!.Value, AgencyIds, ct);
            return $"/par/campaigns/{id}";
        },
        "Par.CampaignCreated", () => LoadAsync(ct));

    internal static void RequireDate(ValidationErrors errors, string field, DateOnly? value, string labelKey)
    {
        if (value is null)
        {
            errors.Add(field, "Error.Required", new LabelArg(labelKey));
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Campaigns = await campaigns.ListAsync(ct);
        if (me.AgencyId is { } agency)
        {
            MyAssessment = await assessments.MineAsync(agency, ct);
        }

        if (CanManage)
        {
            Agencies = (await db.Set<Agency>().AsNoTracking().OrderBy(a => a.Name).Select(a => new { a.Id, a.Name, a.Kind }).ToListAsync(ct))
                .Select(a => (a.Id, a.Name, a.Kind)).ToList();
        }
    }
}
