using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Accounts;

/// <summary>Accounts' answer to <see cref="IPeople"/>.</summary>
internal sealed class People(SiparDbContext db) : IPeople
{
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);

    public async Task<IReadOnlyList<string>> EmailsOfUnitAsync(Guid unitId, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.UnitId == unitId && u.Email != null).Select(u => u.Email!).ToListAsync(ct);

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> EmailsOfUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        (await db.Users.AsNoTracking().Where(u => u.UnitId != null && unitIds.Contains(u.UnitId.Value) && u.Email != null).Select(u => new { Unit = u.UnitId!.Value, Email = u.Email! }).ToListAsync(ct))
            .GroupBy(u => u.Unit).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(u => u.Email).ToList());

    public Task<bool> AnyInUnitAsync(Guid unitId, CancellationToken ct) => db.Users.AnyAsync(u => u.UnitId == unitId, ct);

    public async Task<IReadOnlyList<Person>> InUnitsAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken ct) =>
        await db.Users.AsNoTracking().Where(u => u.UnitId != null && unitIds.Contains(u.UnitId.Value)).OrderBy(u => u.FullName)
            .Select(u => new Person(u.Id, u.UnitId, u.FullName)).ToListAsync(ct);

    public async Task<IReadOnlyList<string>> EmailsWithAsync(Guid agencyId, Capability capability, CancellationToken ct)
    {
        var roles = RoleCapabilities.Table.Where(r => r.Value.ContainsKey(capability)).Select(r => r.Key).ToList();
        return await db.Users.AsNoTracking()
            .Where(u => u.AgencyId == agencyId && u.Email != null && u.Roles.Any(r => roles.Contains(r.Role)))
            .Select(u => u.Email!).ToListAsync(ct);
    }
}
