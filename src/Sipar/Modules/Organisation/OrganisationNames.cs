using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Organisation;

/// <summary>The names of agencies and units by id, for the audit trail.</summary>
internal sealed class OrganisationNames(SiparDbContext db) : IIdNames
{
    public async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var names = await db.Set<Agency>().AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        foreach (var u in await db.Set<Unit>().AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct))
        {
            names[u.Id] = u.Name;
        }

        return names;
    }
}
