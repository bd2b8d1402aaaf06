using System.Globalization;

namespace Sipar.Modules.ParIndex;

internal enum RuleKind
{
    /// <summary>No structured rule: the appraiser scores by the rule's text.</summary>
    None,

    /// <summary><c>yesno</c>: full points or none.</summary>
    YesNo,

    /// <summary><c>levels:0=0;1=0.5;2=1</c>: points per level reached.</summary>
    Levels,

    /// <summary><c>bands:100=1;80=0.5;0=0</c>: points per percentage band (threshold=points, highest first).</summary>
    PercentBands,

    /// <summary><c>proportional</c>: max × share achieved.</summary>
    Proportional,

    /// <summary><c>deduction:-0.5</c>: negative points per occurrence; the criterion never goes below 0.</summary>
    Deduction,
}

/// <summary>Parses the structured scoring rules of a framework line.</summary>
internal static class RuleSyntax
{
    public static RuleKind KindOf(string? rule)
    {
        var r = (rule ?? "").Trim().ToLowerInvariant();
        return r switch
        {
            "" => RuleKind.None,
            "yesno" => RuleKind.YesNo,
            "proportional" => RuleKind.Proportional,
            _ when r.StartsWith("levels:", StringComparison.Ordinal) => RuleKind.Levels,
            _ when r.StartsWith("bands:", StringComparison.Ordinal) => RuleKind.PercentBands,
            _ when r.StartsWith("deduction:", StringComparison.Ordinal) => RuleKind.Deduction,
            _ => (RuleKind)(-1),
        };
    }

    public static bool IsValid(string? rule) => KindOf(rule) switch
    {
        RuleKind.Levels or RuleKind.PercentBands => Pairs(rule!) is { Count: > 0 },
        RuleKind.Deduction => FrameworkReader.Number(rule!.Split(':', 2)[1]) is < 0,
        (RuleKind)(-1) => false,
        _ => true,
    };

    internal static List<(decimal Key, decimal Points)>? Pairs(string rule)
    {
        var list = new List<(decimal, decimal)>();
        foreach (var pair in rule.Split(':', 2)[1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || FrameworkReader.Number(kv[0].TrimEnd('%')) is not { } k || FrameworkReader.Number(kv[1]) is not { } v)
            {
                return null;
            }

            list.Add((k, v));
        }

        return list;
    }
}

/// <summary>The PAR INDEX arithmetic (QĐ 1149/QĐ-BNV, QĐ 876/QĐ-BNV): points, floors, indices, classes and ranks.</summary>
internal static class ParCalculator
{
    /// <summary>Points of a criterion: its items plus its deductions, never below 0 nor above its maximum.</summary>
    public static decimal CriterionPoints(IEnumerable<decimal> items, IEnumerable<decimal> deductions, decimal max)
    {
        var points = items.Sum() + deductions.Sum();
        return Math.Clamp(points, 0, max);
    }

    /// <summary>Index = points / max × 100, rounded to 2 decimals; the same ratio for areas and criteria.</summary>
    public static decimal Index(decimal points, decimal max) => max <= 0 ? 0 : Math.Round(points / max * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Without a survey part (no survey run this year), the appraised points are scaled to 100.</summary>
    public static decimal IndexWithoutSurvey(decimal appraisedPoints, decimal max, decimal surveyMax) => Index(appraisedPoints, max - surveyMax);

    /// <summary>The class of an index from bands (minimum index → label), e.g. 90 → A, 80 → B, 70 → C.</summary>
    public static string? ClassOf(decimal index, IEnumerable<(decimal Min, string Label)> bands) =>
        bands.OrderByDescending(b => b.Min).Where(b => index >= b.Min).Select(b => b.Label).FirstOrDefault();

    /// <summary>Ranks, highest index first; equal indices share a rank and the next rank skips (1, 2, 2, 4).</summary>
    public static IReadOnlyList<int> Ranks(IReadOnlyList<decimal> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        return indices.Select(i => 1 + indices.Count(other => other > i)).ToList();
    }

    /// <summary>Points for a structured rule, given what was achieved (1/0, a level, a percentage, a share 0–1, or a count of deductions).</summary>
    public static decimal RulePoints(string? rule, decimal max, decimal achieved)
    {
        switch (RuleSyntax.KindOf(rule))
        {
            case RuleKind.YesNo:
                return achieved > 0 ? max : 0;
            case RuleKind.Proportional:
                return Math.Round(max * Math.Clamp(achieved, 0, 1), 2, MidpointRounding.AwayFromZero);
            case RuleKind.Levels:
                return RuleSyntax.Pairs(rule!)!.Where(p => p.Key == achieved).Select(p => Math.Min(p.Points, max)).FirstOrDefault();
            case RuleKind.PercentBands:
                return RuleSyntax.Pairs(rule!)!.OrderByDescending(p => p.Key).Where(p => achieved >= p.Key).Select(p => Math.Min(p.Points, max)).FirstOrDefault();
            case RuleKind.Deduction:
                return FrameworkReader.Number(rule!.Split(':', 2)[1])!.Value * achieved;
            default:
                return Math.Clamp(achieved, 0, max);
        }
    }

    /// <summary>Points for files, logs and the CLI: invariant ("91.5").</summary>
    public static string Format(decimal d) => d.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Points on a page, in the reader's language ("91,5" in Vietnamese).</summary>
    public static string Show(decimal d) => d.ToString("0.##", CultureInfo.CurrentCulture);
}
