using System.Text;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Organisation;

namespace Sipar.Modules.Plans;

/// <summary>
/// Finds the agency's unit a plan names: ignoring diacritics and case, by full name, by the unit's short name,
/// and by the usual abbreviation (<c>Phòng KH-TC</c> for <c>Phòng Kế hoạch – Tài chính</c>, <c>VP</c> for
/// <c>Văn phòng Sở</c>). Returns null rather than guess when two units fit.
/// </summary>
internal sealed class UnitMatcher
{
    private readonly List<(Guid Id, HashSet<string> Keys)> units;

    public UnitMatcher(IEnumerable<(Guid Id, string Name, string? ShortName)> agencyUnits)
    {
        units = agencyUnits.Select(u => (u.Id, Keys(u.Name, u.ShortName))).ToList();
    }

    public Guid? Match(string? name)
    {
        var key = Key(name);
        if (key.Length == 0)
        {
            return null;
        }

        var exact = units.Where(u => u.Keys.Contains(key)).Select(u => u.Id).Distinct().ToList();
        if (exact.Count == 1)
        {
            return exact[0];
        }

        // "Phòng Kế hoạch – Tài chính Sở" or "Văn phòng" alone: one unit whose name starts the same way.
        var partial = units.Where(u => u.Keys.Any(k => k.Length > 4 && (k.StartsWith(key + " ", StringComparison.Ordinal) || key.StartsWith(k + " ", StringComparison.Ordinal))))
            .Select(u => u.Id).Distinct().ToList();
        return partial.Count == 1 ? partial[0] : null;
    }

    /// <summary>Every unit named in a coordinating list that matches; group names (các phòng…) match none.</summary>
    public IReadOnlyList<Guid> MatchAll(IEnumerable<string> names) =>
        names.Select(Match).OfType<Guid>().Distinct().ToList();

    internal static string Key(string? text) =>
        VietnameseText.Fold(text).Replace('–', '-').Replace('—', '-').Replace(" - ", "-", StringComparison.Ordinal).Trim();

    private static HashSet<string> Keys(string name, string? shortName)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { Key(name) };
        if (!string.IsNullOrWhiteSpace(shortName))
        {
            keys.Add(Key(shortName));
        }

        var withoutSo = Key(name);
        if (withoutSo.EndsWith(" so", StringComparison.Ordinal))
        {
            keys.Add(withoutSo[..^3]);
        }

        keys.Add(Abbreviation(name));
        return keys;
    }

    /// <summary><c>Phòng Kế hoạch – Tài chính</c> → <c>phong kh-tc</c>; <c>Văn phòng Sở</c> → <c>vps</c>.</summary>
    internal static string Abbreviation(string name)
    {
        var key = Key(name);
        var prefixes = new[] { "phong ", "trung tam ", "chi cuc ", "truong " };
        var prefix = prefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal));
        var rest = prefix is null ? key : key[prefix.Length..];
        var parts = rest.Split('-', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => new string(part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0]).ToArray()));
        var abbreviation = new StringBuilder(prefix ?? "").Append(string.Join('-', parts)).ToString();
        return abbreviation.Trim();
    }
}
