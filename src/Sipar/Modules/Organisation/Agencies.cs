using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Organisation;

/// <summary>Organisation's answer to <see cref="IAgencies"/>.</summary>
internal sealed class Agencies(SiparDbContext db, AgencyAdministration administration, AgencyInfoCache cache) : IAgencies, Accounts.IPlaces
{
    public Task<AgencyInfo?> FindAsync(Guid agencyId, CancellationToken ct) => cache.GetAsync(agencyId, LoadAsync, ct);

    private Task<AgencyInfo?> LoadAsync(Guid agencyId, CancellationToken ct) =>
        db.Set<Agency>().AsNoTracking().Where(a => a.Id == agencyId).Select(a => new AgencyInfo(a.Id, a.Name, a.Symbol, a.PlaceName, a.Kind, a.ReportRecipients, a.Hotline, a.Email)).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<AgencyInfo>> ListAsync(CancellationToken ct) =>
        await db.Set<Agency>().AsNoTracking().OrderBy(a => a.SearchName).Select(a => new AgencyInfo(a.Id, a.Name, a.Symbol, a.PlaceName, a.Kind, a.ReportRecipients, a.Hotline, a.Email)).ToListAsync(ct);

    public async Task<IReadOnlyList<UnitInfo>> UnitsAsync(Guid agencyId, CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().Where(u => u.AgencyId == agencyId).OrderBy(u => u.SortOrder).ThenBy(u => u.SearchName)
            .Select(u => new UnitInfo(u.Id, u.AgencyId, u.Name, u.ShortName, u.Kind, u.SortOrder)).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, UnitInfo>> UnitsByIdAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().Where(u => unitIds.Contains(u.Id))
            .Select(u => new UnitInfo(u.Id, u.AgencyId, u.Name, u.ShortName, u.Kind, u.SortOrder)).ToDictionaryAsync(u => u.Id, ct);

    public Task<IReadOnlyList<UnitNode>> UnitTreeAsync(Guid agencyId, CancellationToken ct) => administration.UnitTreeAsync(agencyId, ct);

    public async Task<IReadOnlyList<Accounts.PlaceAgency>> AllAsync(CancellationToken ct)
    {
        var units = (await AllUnitsAsync(ct)).ToLookup(u => u.AgencyId);
        return (await ListAsync(ct)).Select(a => new Accounts.PlaceAgency(a.Id, a.Name, units[a.Id].Select(u => new Accounts.PlaceUnit(u.Id, u.Name)).ToList())).ToList();
    }

    public Task<IReadOnlyList<AgencyKindInfo>> KindsAsync(CancellationToken ct) => administration.KindsAsync(ct);

    public async Task<IReadOnlyList<UnitInfo>> AllUnitsAsync(CancellationToken ct) =>
        await db.Set<Unit>().AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.SearchName)
            .Select(u => new UnitInfo(u.Id, u.AgencyId, u.Name, u.ShortName, u.Kind, u.SortOrder)).ToListAsync(ct);
}
