namespace Sipar.Modules.Sipas;

/// <summary>A stratum's frame size and its sample size.</summary>
internal sealed record StratumSize(string Stratum, int Frame, int Sample);

/// <summary>
/// The sample's arithmetic: Yamane's n = N/(1+N·e²) rounded up, per stratum or for the whole frame shared out in
/// proportion with a minimum per stratum; and the seeded shuffle that ranks each stratum, so anyone with the frame and the
/// seed draws the same people and the same replacements.
/// </summary>
internal static class SampleDesign
{
    public static int Size(int frame, decimal margin)
    {
        if (frame <= 0)
        {
            return 0;
        }

        var n = frame / (1m + (frame * margin * margin));
        return Math.Min(frame, (int)Math.Ceiling(n));
    }

    public static IReadOnlyList<StratumSize> Allocate(IReadOnlyList<(string Stratum, int Frame)> strata, decimal margin, Allocation allocation, int minimum)
    {
        ArgumentNullException.ThrowIfNull(strata);
        var ordered = strata.OrderBy(s => s.Stratum, StringComparer.Ordinal).ToList();
        if (allocation == Allocation.PerStratum)
        {
            return [.. ordered.Select(s => new StratumSize(s.Stratum, s.Frame, Math.Min(s.Frame, Math.Max(Size(s.Frame, margin), minimum))))];
        }

        var total = ordered.Sum(s => s.Frame);
        var n = Size(total, margin);
        return [.. ordered.Select(s => new StratumSize(s.Stratum, s.Frame,
            Math.Min(s.Frame, Math.Max(minimum, (int)Math.Round((decimal)n * s.Frame / Math.Max(1, total), MidpointRounding.AwayFromZero)))))];
    }

    /// <summary>Ranks (1…) of a stratum's members given in frame order: a Fisher–Yates shuffle by a generator seeded from the seed and the stratum's name.</summary>
    public static int[] Ranks(int count, long seed, string stratum)
    {
        var order = Enumerable.Range(0, count).ToArray();
        var rng = new SplitMix64(seed ^ StableHash(stratum));
        for (var i = count - 1; i > 0; i--)
        {
            var j = (int)rng.Below((ulong)(i + 1));
            (order[i], order[j]) = (order[j], order[i]);
        }

        var ranks = new int[count];
        for (var position = 0; position < count; position++)
        {
            ranks[order[position]] = position + 1;
        }

        return ranks;
    }

    /// <summary>A new seed for a draw: from the clock's ticks, printed and recorded so the draw can be repeated.</summary>
    public static long NewSeed(DateTime at) => (at.Ticks % 1_000_000_000L) + 1;

    // FNV-1a over UTF-16 code units: fixed forever, unlike string.GetHashCode.
    private static long StableHash(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        return unchecked((long)h);
    }
}
