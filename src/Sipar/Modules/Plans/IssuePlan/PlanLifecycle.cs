using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Plans;

/// <summary>Moves a plan through draft → issued (the office, with the official number and date); issuing opens the year's reporting periods.</summary>
internal sealed class PlanLifecycle(SiparDbContext db, PlanImport import, UnitReporting reporting)
{
    public async Task IssueAsync(Guid planId, string? number, DateOnly? issuedOn, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        import.EnsureCanImport(plan.AgencyId);
        plan.Issue(number, issuedOn);
        await reporting.CreatePeriodsAsync(plan, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>What issuing would refuse (thrown) and what it should warn about: another issued plan of the agency with the same year and title.</summary>
    public async Task<IReadOnlyList<(string Number, DateOnly? IssuedOn)>> CheckIssueAsync(Guid planId, string? number, DateOnly? issuedOn, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        import.EnsureCanImport(plan.AgencyId);
        plan.CheckIssue(number, issuedOn);
        var same = await db.Set<Plan>().AsNoTracking()
            .Where(p => p.AgencyId == plan.AgencyId && p.Year == plan.Year && p.Id != plan.Id && p.Status != PlanStatus.Draft)
            .Select(p => new { p.Title, p.Number, p.Symbol, p.IssuedOn }).ToListAsync(ct);
        var title = Sipar.Infrastructure.Localization.VietnameseText.Fold(plan.Title);
        return same.Where(p => Sipar.Infrastructure.Localization.VietnameseText.Fold(p.Title) == title).Select(p => ((p.Number ?? "…") + "/" + p.Symbol, p.IssuedOn)).ToList();
    }

    public async Task CloseAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        import.EnsureCanImport(plan.AgencyId);
        plan.Close();
        await db.SaveChangesAsync(ct);
    }
}
