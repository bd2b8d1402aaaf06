using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Plans;

namespace Sipar.Modules.ParIndex;

/// <summary>Turns a gap of the year's results into a task of the agency's plan for the next year, in one click.</summary>
public sealed class GapTasks(SiparDbContext db, Capabilities can, ParResults results)
{
    public bool CanAdd(Guid agencyId) => can.Has(Capability.RunPlan, agencyId) || can.Has(Capability.ApproveForAgency, agencyId);

    /// <summary>The task goes into the section whose heading best matches the criterion's area, else the last section.</summary>
    public async Task<(Guid PlanId, Guid TaskId)> AddAsync(int year, Guid agencyId, string code, CancellationToken ct)
    {
        if (!CanAdd(agencyId))
        {
            throw new ForbiddenException();
        }

        var card = (await results.VisibleScorecardsAsync(year, ct)).FirstOrDefault(c => c.AgencyId == agencyId) ?? throw new NotFoundException();
        var item = card.Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)) ?? throw new NotFoundException();
        var area = card.Items.First(i => i.Level == CriterionLevel.Area && (i.Code == item.Code || item.Code.StartsWith(i.Code + ".", StringComparison.Ordinal)));
        var plan = await db.Set<Plan>().Include(p => p.Sections).ThenInclude(s => s.Tasks)
            .Where(p => p.AgencyId == agencyId && p.Year == year + 1 && p.Status != PlanStatus.Closed)
            .OrderByDescending(p => p.Status).ThenByDescending(p => p.CreatedAt).FirstOrDefaultAsync(ct)
            ?? throw new DomainValidationException("Gap", "Par.NoNextPlan", year + 1);
        if (plan.Sections.Count == 0)
        {
            throw new DomainValidationException("Gap", "Par.NoNextPlan", year + 1);
        }

        // The task is Vietnamese text in the plan, so its numbers are too ("35,5").
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Khắc phục tiêu chí {item.Code} \"{item.Name}\" của Chỉ số CCHC: năm {year} đạt {item.Points.ToString("0.##", vi)}/{item.Max.ToString("0.##", vi)} điểm.");
        if (plan.Sections.SelectMany(s => s.Tasks).Any(t => t.Text == text))
        {
            throw new DomainValidationException("Gap", "Par.GapAlreadyInPlan", item.Code);
        }

        var section = plan.Sections.OrderByDescending(s => Assessments.Similarity(area.Name, s.Heading)).ThenByDescending(s => s.Order).First();
        if (Assessments.Similarity(area.Name, section.Heading) < 0.5)
        {
            section = plan.Sections.OrderBy(s => s.Order).Last();
        }

        var task = section.AddTask(text);
        db.Add(task);
        await db.SaveChangesAsync(ct);
        return (plan.Id, task.Id);
    }
}
