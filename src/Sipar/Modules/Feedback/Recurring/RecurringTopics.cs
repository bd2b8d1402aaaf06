using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;
using Sipar.Modules.Organisation;
using Sipar.Modules.Plans;

namespace Sipar.Modules.Feedback;

/// <summary>A category or procedure people complained about at least the threshold times in a period.</summary>
/// <param name="Kind"><c>category</c> or <c>procedure</c>.</param>
/// <param name="Previous">The count in the period of the same length just before (the trend).</param>
/// <param name="UsualUnitId">The unit that most often answered this topic: the suggested lead.</param>
internal sealed record RecurringTopic(string Kind, string Key, string Label, int Count, int Previous, Guid? UsualUnitId, string? UsualUnitName, IReadOnlyList<int> InPlanYears);

/// <summary>Recurring complaints turned into plan tasks (through Plans' <see cref="IPlanTasks"/>), once per topic and plan year.</summary>
internal sealed class RecurringTopics(SiparDbContext db, Capabilities can, CurrentUser me, IAgencies agencies, IPlanTasks tasks, TimeProvider clock, FeedbackOptions options)
{
    public const string CategoryKind = "category";
    public const string ProcedureKind = "procedure";

    public async Task<IReadOnlyList<RecurringTopic>> ListAsync(Guid agencyId, DateOnly from, DateOnly to, int? threshold, CancellationToken ct)
    {
        can.Ensure(Capability.HandleFeedback, agencyId);
        if (to < from)
        {
            throw new DomainValidationException("To", "Feedback.PeriodOrder");
        }

        var min = Math.Max(1, threshold ?? options.RecurringThreshold);
        var length = to.DayNumber - from.DayNumber + 1;
        var prevFrom = from.AddDays(-length);
        var items = db.Set<FeedbackItem>().AsNoTracking().Where(f => f.AgencyId == agencyId && f.Status != FeedbackStatus.Merged && f.InScope != false);
        var byCategory = await items.Where(f => f.ReceivedOn >= prevFrom && f.ReceivedOn <= to)
            .GroupBy(f => f.CategoryId)
            .Select(g => new { g.Key, Count = g.Count(f => f.ReceivedOn >= from), Previous = g.Count(f => f.ReceivedOn < from) }).ToListAsync(ct);
        var byProcedure = await items.Where(f => f.ProcedureCode != null && f.ReceivedOn >= prevFrom && f.ReceivedOn <= to)
            .GroupBy(f => new { f.ProcedureCode, f.ProcedureName })
            .Select(g => new { g.Key.ProcedureCode, g.Key.ProcedureName, Count = g.Count(f => f.ReceivedOn >= from), Previous = g.Count(f => f.ReceivedOn < from) }).ToListAsync(ct);
        var usualByCategory = (await items.Where(f => f.UnitId != null).GroupBy(f => new { f.CategoryId, f.UnitId }).Select(g => new { g.Key.CategoryId, g.Key.UnitId, N = g.Count() }).ToListAsync(ct))
            .GroupBy(x => x.CategoryId).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.N).First().UnitId);
        var usualByProcedure = (await items.Where(f => f.UnitId != null && f.ProcedureCode != null).GroupBy(f => new { f.ProcedureCode, f.UnitId }).Select(g => new { g.Key.ProcedureCode, g.Key.UnitId, N = g.Count() }).ToListAsync(ct))
            .GroupBy(x => x.ProcedureCode!).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.N).First().UnitId);
        var categories = await db.Set<FeedbackCategory>().AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var units = (await agencies.UnitsAsync(agencyId, ct)).ToDictionary(u => u.Id, u => u.Name);
        var links = await db.Set<FeedbackPlanLink>().AsNoTracking().Where(l => l.AgencyId == agencyId).Select(l => new { l.Kind, l.Key, l.Year }).ToListAsync(ct);
        IReadOnlyList<int> Years(string kind, string key) => links.Where(l => l.Kind == kind && l.Key == key).Select(l => l.Year).Order().ToList();
        string? Unit(Guid? id) => id is { } u ? units.GetValueOrDefault(u) : null;
        var result = byCategory.Where(c => c.Count >= min)
            .Select(c => new RecurringTopic(CategoryKind, c.Key.ToString(), categories.GetValueOrDefault(c.Key, ""), c.Count, c.Previous,
                usualByCategory.GetValueOrDefault(c.Key), Unit(usualByCategory.GetValueOrDefault(c.Key)), Years(CategoryKind, c.Key.ToString())))
            .Concat(byProcedure.Where(p => p.Count >= min)
                .Select(p => new RecurringTopic(ProcedureKind, p.ProcedureCode!, p.ProcedureCode + " — " + p.ProcedureName, p.Count, p.Previous,
                    usualByProcedure.GetValueOrDefault(p.ProcedureCode!), Unit(usualByProcedure.GetValueOrDefault(p.ProcedureCode!)), Years(ProcedureKind, p.ProcedureCode!))))
            .OrderByDescending(t => t.Count).ToList();
        return result;
    }

    /// <summary>
    /// "Đưa vào kế hoạch": a task in the agency's open plan of <paramref name="year"/>, in the section led by
    /// <paramref name="leadUnitId"/> (the topic's usual unit by default; the first section when none leads it); once.
    /// </summary>
    public async Task<AddTaskResult> AddToPlanAsync(Guid agencyId, string kind, string key, int year, Guid? leadUnitId, DateOnly from, DateOnly to, int? threshold, CancellationToken ct)
    {
        var topic = (await ListAsync(agencyId, from, to, threshold, ct)).FirstOrDefault(t => t.Kind == kind && t.Key == key)
            ?? throw new DomainValidationException("", "Feedback.NotRecurring");
        if (topic.InPlanYears.Contains(year) || await db.Set<FeedbackPlanLink>().AnyAsync(l => l.AgencyId == agencyId && l.Year == year && l.Kind == kind && l.Key == key, ct))
        {
            return new AddTaskResult(AddTaskOutcome.AlreadyThere, null, null);
        }

        var lead = leadUnitId ?? topic.UsualUnitId;
        var text = kind == CategoryKind
            ? $"Khắc phục những vấn đề người dân, tổ chức phản ánh nhiều về \"{topic.Label}\" ({topic.Count} phản ánh, kiến nghị từ {Show.Date(from)} đến {Show.Date(to)})."
            : $"Rà soát, đơn giản hóa và khắc phục vướng mắc của thủ tục {topic.Label} ({topic.Count} phản ánh, kiến nghị từ {Show.Date(from)} đến {Show.Date(to)}).";
        var added = await tasks.AddTaskAsync(agencyId, year, sections => (sections.FirstOrDefault(s => lead is not null && s.LeadUnitId == lead) ?? sections[0]).SectionId, text, ct);
        if (added.Outcome == AddTaskOutcome.Added)
        {
            db.Add(new FeedbackPlanLink(agencyId, year, kind, key, text, added.PlanId, added.TaskId, clock.GetUtcNow().UtcDateTime, me.Id));
            await db.SaveChangesAsync(ct);
        }

        return added;
    }
}
