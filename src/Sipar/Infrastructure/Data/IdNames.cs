namespace Sipar.Infrastructure.Data;

/// <summary>
/// The display names of records by id, for screens that show ids recorded elsewhere (the audit trail): each module that
/// owns named records registers one (<c>services.AddScoped&lt;IIdNames, …&gt;()</c>), so the reader knows no module.
/// </summary>
public interface IIdNames
{
    /// <summary>The names of those of <paramref name="ids"/> this module owns; the rest are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> NamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct);
}
