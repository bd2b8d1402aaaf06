using Microsoft.EntityFrameworkCore;
using Sipar.Infrastructure.Data;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.Sipas;

/// <summary>
/// The questionnaires of the province: imported from JSON (or the two standard ones shipped with Sipar), exported back
/// to the same JSON. A version used by a response is immutable; a new version names how its item codes map to the previous one's.
/// </summary>
internal sealed class QuestionnaireLibrary(SiparDbContext db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Standard = ["standard-service", "standard-policy"];

    public static string StandardJson(string name)
    {
        using var stream = typeof(QuestionnaireLibrary).Assembly.GetManifestResourceStream("Sipar.Sipas." + name + ".json") ?? throw new NotFoundException();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async Task<IReadOnlyList<Questionnaire>> ListAsync(CancellationToken ct) =>
        await db.Set<Questionnaire>().AsNoTracking().OrderBy(q => q.Code).ThenByDescending(q => q.Version).ToListAsync(ct);

    public async Task<Questionnaire> GetAsync(Guid id, CancellationToken ct) =>
        await db.Set<Questionnaire>().AsNoTracking().FirstOrDefaultAsync(q => q.Id == id, ct) ?? throw new NotFoundException();

    /// <summary>Adds a version, or replaces one no response uses yet; a later version's item map must name the previous version's codes.</summary>
    public async Task<Guid> ImportAsync(string json, CancellationToken ct)
    {
        var doc = QuestionnaireDocument.Parse(json);
        var same = await db.Set<Questionnaire>().FirstOrDefaultAsync(q => q.Code == doc.Code && q.Version == doc.Version, ct);
        var previous = await db.Set<Questionnaire>().AsNoTracking().Where(q => q.Code == doc.Code && q.Version < doc.Version).OrderByDescending(q => q.Version).FirstOrDefaultAsync(ct);
        if (previous is not null)
        {
            var known = previous.ItemCodes.Split(',').ToHashSet(StringComparer.OrdinalIgnoreCase);
            var mine = doc.Items.Select(i => i.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var wrong = doc.PreviousItems.Where(p => !mine.Contains(p.Key) || (p.Value.Length > 0 && !known.Contains(p.Value))).Select(p => p.Key + "→" + p.Value).ToList();
            if (wrong.Count > 0)
            {
                throw new DomainValidationException("file", "Sipas.ItemMapUnknown", string.Join(", ", wrong), previous.Version);
            }
        }

        if (same is not null)
        {
            if (await db.Set<Response>().AnyAsync(r => r.QuestionnaireId == same.Id, ct))
            {
                throw new DomainValidationException("file", "Sipas.VersionInUse", doc.Code, doc.Version);
            }

            same.Replace(doc, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            return same.Id;
        }

        var q = Questionnaire.Create(doc, previous?.Id, clock.GetUtcNow().UtcDateTime);
        db.Add(q);
        await db.SaveChangesAsync(ct);
        return q.Id;
    }

    /// <summary>Adds the standard questionnaires shipped with Sipar that are not there yet (same code and version).</summary>
    public async Task AddStandardAsync(CancellationToken ct)
    {
        var known = (await ListAsync(ct)).Select(q => (q.Code, q.Version)).ToHashSet();
        foreach (var json in Standard.Select(StandardJson))
        {
            var doc = QuestionnaireDocument.Parse(json);
            if (!known.Contains((doc.Code, doc.Version)))
            {
                await ImportAsync(json, ct);
            }
        }
    }

    /// <summary>Each item code of a version and the code it had in the previous version (itself unless mapped; none when new).</summary>
    public static IReadOnlyDictionary<string, string?> PreviousCodes(QuestionnaireDocument doc, IReadOnlySet<string> previousCodes)
    {
        ArgumentNullException.ThrowIfNull(doc);
        ArgumentNullException.ThrowIfNull(previousCodes);
        return doc.Items.ToDictionary(i => i.Code, i => doc.PreviousItems.TryGetValue(i.Code, out var p)
            ? (p.Length > 0 ? p : null)
            : previousCodes.Contains(i.Code) ? i.Code : null);
    }
}
