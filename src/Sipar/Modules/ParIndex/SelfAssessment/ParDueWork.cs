using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Web;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// For the home page: the self-assessment the office has to complete and review, the one leadership has to submit
/// once reviewed, the explanations the office owes, and, for appraisers, the submitted assessments to appraise.
/// </summary>
internal sealed class ParDueWork(SiparDbContext db, Organisation.IAgencies agencies, CurrentUser me, Capabilities can, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t, TimeProvider clock) : IDueWork
{
    public async Task<IReadOnlyList<DueItem>> ForMeAsync(CancellationToken ct)
    {
        var today = Infrastructure.Time.VietnamTime.Today(clock);
        var items = new List<DueItem>();
        var rows = db.Set<ParAssessment>().AsNoTracking()
            .Join(db.Set<ParCampaign>(), a => a.CampaignId, c => c.Id, (a, c) => new { a.Id, a.AgencyId, a.Status, a.ReviewedAt, c.Name, c.SelfAssessmentDue, c.AppraisalDue, c.ExplanationDue });
        if (me.AgencyId is { } agency)
        {
            var own = await rows.Where(r => r.AgencyId == agency && (r.Status == AssessmentStatus.Draft || r.Status == AssessmentStatus.ExplanationRequested)).ToListAsync(ct);
            foreach (var r in own)
            {
                if (r.Status == AssessmentStatus.ExplanationRequested && can.Has(Capability.RunSelfAssessment, agency))
                {
                    items.Add(new DueItem("Home.Due.Explanation", r.Name, $"/par/assessments/{r.Id}", r.ExplanationDue, r.ExplanationDue < today));
                }
                else if (r.Status == AssessmentStatus.Draft && r.ReviewedAt is null && can.Has(Capability.RunSelfAssessment, agency))
                {
                    items.Add(new DueItem("Home.Due.SelfAssessment", r.Name, $"/par/assessments/{r.Id}", r.SelfAssessmentDue, r.SelfAssessmentDue < today));
                }
                else if (r.Status == AssessmentStatus.Draft && r.ReviewedAt is not null && can.Has(Capability.ApproveForAgency, agency))
                {
                    items.Add(new DueItem("Home.Due.Submit", r.Name, $"/par/assessments/{r.Id}", r.SelfAssessmentDue, r.SelfAssessmentDue < today));
                }
            }
        }

        if (can.Has(Capability.Appraise))
        {
            var names = (await agencies.ListAsync(ct)).ToDictionary(a => a.Id, a => a.Name);
            var submitted = await rows.Where(r => r.Status == AssessmentStatus.Submitted).OrderBy(r => r.AppraisalDue).Take(50).ToListAsync(ct);
            items.AddRange(submitted.Select(r => new DueItem("Home.Due.Appraise", t["Home.Due.AppraiseText", names.GetValueOrDefault(r.AgencyId, ""), r.Name], $"/par/assessments/{r.Id}", r.AppraisalDue, r.AppraisalDue < today)));
        }

        return items;
    }
}
