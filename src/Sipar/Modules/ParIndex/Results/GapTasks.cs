using System.Globalization;
using Sipar.Infrastructure.Errors;
using Sipar.Modules.Accounts;
using Sipar.Modules.Plans;

namespace Sipar.Modules.ParIndex;

/// <summary>Turns a gap of the year's results into a task of the agency's plan for the next year, in one click.</summary>
internal sealed class GapTasks(IPlanTasks tasks, Capabilities can, ParResults results)
{
    public bool CanAdd(Guid agencyId) => can.Has(Capability.RunPlan, agencyId) || can.Has(Capability.ApproveForAgency, agencyId);

    /// <summary>The task goes into the section whose heading best matches the criterion's area, else the last section.</summary>
    public async Task<(Guid PlanId, Guid TaskId)> AddAsync(int year, Guid agencyId, string code, CancellationToken ct)
    {
        if (!CanAdd(agencyId))
        {
            throw new ForbiddenException();
        }

        var (card, _) = await results.VisibleScorecardAsync(year, agencyId, ct);
        var item = card.Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase)) ?? throw new NotFoundException();
        var area = card.Items.First(i => i.Level == CriterionLevel.Area && (i.Code == item.Code || item.Code.StartsWith(i.Code + ".", StringComparison.Ordinal)));
        // The task is Vietnamese text in the plan, so its numbers are too ("35,5").
        var vi = CultureInfo.GetCultureInfo("vi-VN");
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Khắc phục tiêu chí {item.Code} \"{item.Name}\" của Chỉ số CCHC: năm {year} đạt {item.Points.ToString("0.##", vi)}/{item.Max.ToString("0.##", vi)} điểm.");

        // Into the section whose heading best matches the criterion's area, else the last section.
        Guid Choose(IReadOnlyList<PlanSectionHeading> sections)
        {
            var best = sections.OrderByDescending(s => Assessments.Similarity(area.Name, s.Heading)).ThenByDescending(s => s.Order).First();
            return Assessments.Similarity(area.Name, best.Heading) < 0.5 ? sections.OrderBy(s => s.Order).Last().SectionId : best.SectionId;
        }

        var added = await tasks.AddTaskAsync(agencyId, year + 1, Choose, text, ct);
        return added.Outcome switch
        {
            AddTaskOutcome.Added => (added.PlanId!.Value, added.TaskId!.Value),
            AddTaskOutcome.AlreadyThere => throw new DomainValidationException("Gap", "Par.GapAlreadyInPlan", item.Code),
            _ => throw new DomainValidationException("Gap", "Par.NoNextPlan", year + 1),
        };
    }
}
