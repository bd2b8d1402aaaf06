using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Accounts;

namespace Sipar.Modules.Dossiers;

internal sealed record ProcedureRow(Guid Id, Guid AgencyId, string Code, string Name, string Field, int TimeLimit, TimeLimitUnit TimeLimitUnit, long Fee, OnlineLevel OnlineLevel);

/// <summary>The procedure catalogue: the public list (no login) and the office's changes to it.</summary>
internal sealed class ProcedureCatalogue(SiparDbContext db, Capabilities can, TimeProvider clock)
{
    /// <summary>Active procedures, optionally of one agency, field or online level; the search ignores diacritics and case.</summary>
    public async Task<IReadOnlyList<ProcedureRow>> SearchAsync(Guid? agencyId, string? search, string? field, OnlineLevel? level, CancellationToken ct, int take = 100)
    {
        var q = db.Set<Procedure>().AsNoTracking();
        if (agencyId is { } a)
        {
            q = q.Where(p => p.AgencyId == a);
        }

        var key = VietnameseText.Fold(search);
        if (key.Length > 0)
        {
            q = q.Where(p => p.SearchName.Contains(key));
        }

        if (!string.IsNullOrWhiteSpace(field))
        {
            q = q.Where(p => p.Field == field);
        }

        if (level is { } l)
        {
            q = q.Where(p => p.OnlineLevel == l);
        }

        return await q.OrderBy(p => p.Field).ThenBy(p => p.Code).Take(take)
            .Select(p => new ProcedureRow(p.Id, p.AgencyId, p.Code, p.Name, p.Field, p.TimeLimit, p.TimeLimitUnit, p.Fee, p.OnlineLevel)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<string>> FieldsAsync(Guid? agencyId, CancellationToken ct) =>
        await db.Set<Procedure>().AsNoTracking().Where(p => agencyId == null || p.AgencyId == agencyId).Select(p => p.Field).Distinct().OrderBy(f => f).ToListAsync(ct);

    public async Task<Procedure> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<Procedure>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct) ?? throw new NotFoundException();

    public async Task<Guid> AddAsync(Guid agencyId, ProcedureInput input, CancellationToken ct)
    {
        can.Ensure(Capability.ManageProcedures, agencyId);
        if (await db.Set<Procedure>().AnyAsync(p => p.AgencyId == agencyId && p.Code == (input.Code ?? "").Trim(), ct))
        {
            throw new DomainValidationException("Code", "Procedure.CodeExists", (input.Code ?? "").Trim());
        }

        var procedure = Procedure.Create(agencyId, input, clock.GetUtcNow().UtcDateTime);
        db.Add(procedure);
        await db.SaveChangesAsync(ct);
        return procedure.Id;
    }
}
