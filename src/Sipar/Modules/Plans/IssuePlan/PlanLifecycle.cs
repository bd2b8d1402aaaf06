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

    public async Task CloseAsync(Guid planId, CancellationToken ct)
    {
        var plan = await db.Set<Plan>().FirstOrDefaultAsync(p => p.Id == planId, ct) ?? throw new NotFoundException();
        import.EnsureCanImport(plan.AgencyId);
        plan.Close();
        await db.SaveChangesAsync(ct);
    }
}
