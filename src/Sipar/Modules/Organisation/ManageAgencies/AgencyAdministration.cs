using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;

namespace Sipar.Modules.Organisation;

internal sealed record AgencyInput(string Name, string Symbol, string PlaceName, AgencyKind Kind, string? ReportRecipients = null, string? Hotline = null, string? Email = null);

internal sealed record AgencySummary(Guid Id, string Name, string Symbol, string PlaceName, AgencyKind Kind, int Units, string? ReportRecipients = null, string? Hotline = null, string? Email = null);

internal sealed record UnitInput(string Name, string? ShortName, UnitKind Kind, Guid? ParentId, int SortOrder = 0);


/// <summary>Handlers for agencies and their units; used by the admin pages and the API.</summary>
internal sealed class AgencyAdministration(SiparDbContext db, Accounts.IPeople people)
{
    public async Task<IReadOnlyList<AgencySummary>> ListAsync(string? search, CancellationToken ct)
    {
        var key = VietnameseText.Fold(search);
        var q = db.Set<Agency>().AsNoTracking();
        if (key.Length > 0)
        {
            q = q.Where(a => a.SearchName.Contains(key) || a.Symbol.Contains(search!.Trim()));
        }

        return await q.OrderBy(a => a.Kind).ThenBy(a => a.SearchName)
            .Select(a => new AgencySummary(a.Id, a.Name, a.Symbol, a.PlaceName, a.Kind, db.Set<Unit>().Count(u => u.AgencyId == a.Id)))
            .ToListAsync(ct);
    }

    public async Task<AgencySummary> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<Agency>().AsNoTracking().Where(a => a.Id == id)
            .Select(a => new AgencySummary(a.Id, a.Name, a.Symbol, a.PlaceName, a.Kind, db.Set<Unit>().Count(u => u.AgencyId == a.Id), a.ReportRecipients, a.Hotline, a.Email))
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException();

    public async Task<Guid> CreateAsync(AgencyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var agency = Agency.Create(input.Name, input.Symbol, input.PlaceName, input.Kind, input.ReportRecipients, input.Hotline, input.Email);
        await EnsureKindAsync(input.Kind, ct);
        await EnsureUniqueNameAsync(agency.SearchName, null, ct);
        db.Add(agency);
        await db.SaveChangesAsync(ct);
        return agency.Id;
    }

    public async Task UpdateAsync(Guid id, AgencyInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var agency = await db.Set<Agency>().FindAsync([id], ct) ?? throw new NotFoundException();
        agency.Update(input.Name, input.Symbol, input.PlaceName, input.Kind, input.ReportRecipients, input.Hotline, input.Email);
        await EnsureKindAsync(input.Kind, ct);
        await EnsureUniqueNameAsync(agency.SearchName, id, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The kinds of agency, historical ones included, in their order.</summary>
    public async Task<IReadOnlyList<AgencyKindInfo>> KindsAsync(CancellationToken ct) =>
        (await db.Set<AgencyKindEntry>().AsNoTracking().ToListAsync(ct)).OrderBy(k => k.SortOrder).ThenBy(k => k.Name, StringComparer.Ordinal).Select(k => k.ToInfo()).ToList();

    /// <summary>Adds a kind, or renames one / marks it historical (the code names it; kinds are never deleted).</summary>
    public async Task<bool> SaveKindAsync(string? code, string? name, DateOnly? until, int? sortOrder, CancellationToken ct)
    {
        var candidate = AgencyKindEntry.Create(code, name, until, sortOrder ?? 50);
        var existing = await db.Set<AgencyKindEntry>().FirstOrDefaultAsync(k => k.Kind == candidate.Kind, ct);
        if (existing is null)
        {
            var folded = VietnameseText.Fold(candidate.Name);
            if ((await db.Set<AgencyKindEntry>().AsNoTracking().Select(k => k.Name).ToListAsync(ct)).Any(n => VietnameseText.Fold(n) == folded))
            {
                throw new DomainValidationException("Name", "Organisation.KindNameTaken", candidate.Name);
            }

            db.Add(candidate);
        }
        else
        {
            existing.Update(candidate.Name, until, sortOrder ?? existing.SortOrder);
        }

        await db.SaveChangesAsync(ct);
        return existing is null;
    }

    private async Task EnsureKindAsync(AgencyKind kind, CancellationToken ct)
    {
        if (!await db.Set<AgencyKindEntry>().AnyAsync(k => k.Kind == kind, ct))
        {
            throw new DomainValidationException("Kind", "Organisation.KindUnknown", kind.Code);
        }
    }

    /// <summary>The agency's units as a tree, in display order (parents before children).</summary>
    public async Task<IReadOnlyList<UnitNode>> UnitTreeAsync(Guid agencyId, CancellationToken ct)
    {
        var units = await db.Set<Unit>().AsNoTracking().Where(u => u.AgencyId == agencyId).ToListAsync(ct);
        var children = units.ToLookup(u => u.ParentId);
        var result = new List<UnitNode>(units.Count);
        void Walk(Guid? parent, int depth)
        {
            foreach (var u in children[parent].OrderBy(u => u.SortOrder).ThenBy(u => u.SearchName, StringComparer.Ordinal))
            {
                result.Add(new UnitNode(u.Id, u.ParentId, u.Name, u.ShortName, u.Kind, u.SortOrder, depth));
                Walk(u.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return result;
    }

    public async Task<Guid> AddUnitAsync(Guid agencyId, UnitInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        _ = await db.Set<Agency>().FindAsync([agencyId], ct) ?? throw new NotFoundException();
        var parent = input.ParentId is { } p ? await db.Set<Unit>().FindAsync([p], ct) : null;
        if (input.ParentId is not null && parent is null)
        {
            throw new DomainValidationException(nameof(UnitInput.ParentId), "Error.Invalid");
        }

        var unit = Unit.Create(agencyId, input.Name, input.ShortName, input.Kind, parent, input.SortOrder);
        await EnsureUniqueUnitAsync(agencyId, unit.SearchName, null, ct);
        db.Add(unit);
        await db.SaveChangesAsync(ct);
        return unit.Id;
    }

    public async Task UpdateUnitAsync(Guid agencyId, Guid unitId, UnitInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var units = await db.Set<Unit>().Where(u => u.AgencyId == agencyId).ToListAsync(ct);
        var unit = units.Find(u => u.Id == unitId) ?? throw new NotFoundException();
        var parent = input.ParentId is { } p ? units.Find(u => u.Id == p) ?? throw new DomainValidationException(nameof(UnitInput.ParentId), "Error.ParentOtherAgency") : null;
        unit.Update(input.Name, input.ShortName, input.Kind, input.SortOrder);
        unit.MoveUnder(parent, units);
        await EnsureUniqueUnitAsync(agencyId, unit.SearchName, unitId, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a unit that has no sub-units and no people.</summary>
    public async Task DeleteUnitAsync(Guid agencyId, Guid unitId, CancellationToken ct)
    {
        var unit = await db.Set<Unit>().FirstOrDefaultAsync(u => u.Id == unitId && u.AgencyId == agencyId, ct) ?? throw new NotFoundException();
        if (await db.Set<Unit>().AnyAsync(u => u.ParentId == unitId, ct))
        {
            throw new DomainValidationException("", "Error.UnitHasChildren", unit.Name);
        }

        if (await people.AnyInUnitAsync(unitId, ct))
        {
            throw new DomainValidationException("", "Error.UnitHasPeople", unit.Name);
        }

        db.Remove(unit);
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureUniqueNameAsync(string searchName, Guid? except, CancellationToken ct)
    {
        if (await db.Set<Agency>().AnyAsync(a => a.SearchName == searchName && a.Id != except, ct))
        {
            throw new DomainValidationException(nameof(AgencyInput.Name), "Error.AgencyExists");
        }
    }

    private async Task EnsureUniqueUnitAsync(Guid agencyId, string searchName, Guid? except, CancellationToken ct)
    {
        if (await db.Set<Unit>().AnyAsync(u => u.AgencyId == agencyId && u.SearchName == searchName && u.Id != except, ct))
        {
            throw new DomainValidationException(nameof(UnitInput.Name), "Error.UnitExists");
        }
    }
}
