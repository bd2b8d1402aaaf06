using Sipar.Infrastructure.Data;

namespace Sipar.Modules.Accounts;

/// <summary>The names of people (accounts) by id, for the audit trail.</summary>
internal sealed class PeopleNames(IPeople people) : IIdNames
{
    public Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) => people.NamesAsync(ids, ct);
}
