namespace Sipar.Modules.ParIndex;

/// <summary>How an item of this year's framework relates to last year's codes.</summary>
internal enum MappingChange
{
    /// <summary>Same code, same name.</summary>
    Same,

    /// <summary>One previous code, another code or name.</summary>
    Renamed,

    /// <summary>A previous code that now feeds more than one item.</summary>
    Split,

    /// <summary>Several previous codes in one item.</summary>
    Merged,

    /// <summary>No previous code.</summary>
    New,

    /// <summary>A previous code no item continues.</summary>
    Removed,
}

internal sealed record MappingRow(string? Code, string Name, IReadOnlyList<string> PreviousCodes, MappingChange Change);

/// <summary>
/// The code mapping between two years' frameworks, so comparisons survive framework changes. An item's previous
/// points and maximum are the sums over the codes it continues; a code split into n items gives each 1/n of them.
/// </summary>
internal sealed class CodeMapping
{
    private readonly Dictionary<string, IReadOnlyList<string>> previousOf = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> shares = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="current">This year's items (code, previous codes).</param>
    /// <param name="explicitMapping">False when the framework was not copied from the previous one: codes map to themselves.</param>
    public CodeMapping(IEnumerable<FrameworkItem> current, bool explicitMapping)
    {
        ArgumentNullException.ThrowIfNull(current);
        foreach (var item in current)
        {
            var previous = explicitMapping ? Split(item.PreviousCodes) : [item.Code];
            previousOf[item.Code] = previous;
            foreach (var code in previous)
            {
                shares[code] = shares.GetValueOrDefault(code) + 1;
            }
        }
    }

    public static IReadOnlyList<string> Split(string? codes) =>
        (codes ?? "").Split([';', ',', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.TrimEnd('.')).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Last year's (points, max) for this year's code, or null when it is new or last year has no result for it.</summary>
    public (decimal Points, decimal Max)? Previous(string code, IReadOnlyDictionary<string, (decimal Points, decimal Max)> lastYear)
    {
        ArgumentNullException.ThrowIfNull(lastYear);
        if (!previousOf.TryGetValue(code, out var codes) || codes.Count == 0)
        {
            return null;
        }

        decimal points = 0, max = 0;
        var found = false;
        foreach (var c in codes)
        {
            if (lastYear.TryGetValue(c, out var value))
            {
                var share = shares.GetValueOrDefault(c, 1);
                points += value.Points / share;
                max += value.Max / share;
                found = true;
            }
        }

        return found ? (points, max) : null;
    }

    /// <summary>Every item of this year with what it became, then last year's codes no item continues.</summary>
    public static IReadOnlyList<MappingRow> Describe(IReadOnlyList<FrameworkItem> current, IReadOnlyList<FrameworkItem> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var mapping = new CodeMapping(current, explicitMapping: true);
        var before = previous.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        var rows = current.OrderBy(i => i.Order).Select(item =>
        {
            var codes = mapping.previousOf[item.Code];
            var change = codes.Count switch
            {
                0 => MappingChange.New,
                > 1 => MappingChange.Merged,
                _ when mapping.shares[codes[0]] > 1 => MappingChange.Split,
                _ when string.Equals(codes[0], item.Code, StringComparison.OrdinalIgnoreCase)
                    && before.TryGetValue(codes[0], out var old) && old.Name == item.Name => MappingChange.Same,
                _ => MappingChange.Renamed,
            };
            return new MappingRow(item.Code, item.Name, codes, change);
        }).ToList();
        rows.AddRange(previous.OrderBy(i => i.Order).Where(i => !mapping.shares.ContainsKey(i.Code))
            .Select(i => new MappingRow(null, i.Name, [i.Code], MappingChange.Removed)));
        return rows;
    }
}
