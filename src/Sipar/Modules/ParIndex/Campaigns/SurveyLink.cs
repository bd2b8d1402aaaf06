using System.Globalization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

/// <summary>
/// A survey-scored criterion taking its points from a survey index: the criterion's code, the index's code (an item, factor
/// or aspect of the wave's questionnaire, or "overall"), and the rule from index to points — bands "90=10;80=8;0=5" (the
/// points of the first threshold the index reaches) or, without bands, the criterion's maximum × index / 100.
/// </summary>
internal sealed record SurveyLink(string Criterion, string Index, IReadOnlyList<(decimal Min, decimal Points)> Bands)
{
    public decimal Points(decimal index, decimal max)
    {
        if (Bands.Count == 0)
        {
            return Math.Round(max * index / 100m, 2, MidpointRounding.AwayFromZero);
        }

        foreach (var (min, points) in Bands)
        {
            if (index >= min)
            {
                return Math.Min(points, max);
            }
        }

        return 0;
    }

    public string RuleText => Bands.Count == 0 ? "điểm tối đa × chỉ số / 100" : string.Join("; ", Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"≥{b.Min}% → {b.Points}")));

    public static (IReadOnlyList<SurveyLink> Links, IReadOnlyList<FieldError> Errors) ParseAll(string? text)
    {
        var links = new List<SurveyLink>();
        var errors = new List<FieldError>();
        var lines = (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var n = 0; n < lines.Length; n++)
        {
            var parts = lines[n].Split('|', 2, StringSplitOptions.TrimEntries);
            var sides = parts[0].Split('=', 2, StringSplitOptions.TrimEntries);
            if (sides.Length != 2 || sides[0].Length == 0 || sides[1].Length == 0)
            {
                errors.Add(new FieldError("SurveyLinks", "Par.SurveyLinkUnreadable", n + 1, lines[n]));
                continue;
            }

            var bands = new List<(decimal, decimal)>();
            foreach (var band in (parts.Length > 1 ? parts[1] : "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = band.Split('=', 2, StringSplitOptions.TrimEntries);
                if (kv.Length != 2 || !TryNumber(kv[0], out var min) || !TryNumber(kv[1], out var points) || min < 0 || min > 100 || points < 0)
                {
                    errors.Add(new FieldError("SurveyLinks", "Par.SurveyLinkUnreadable", n + 1, lines[n]));
                    bands.Clear();
                    break;
                }

                bands.Add((min, points));
            }

            if (links.Any(l => string.Equals(l.Criterion, sides[0].TrimEnd('.'), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add(new FieldError("SurveyLinks", "Par.SurveyLinkTwice", sides[0]));
            }

            links.Add(new SurveyLink(sides[0].TrimEnd('.'), sides[1], [.. bands.OrderByDescending(b => b.Item1)]));
        }

        return (links, errors);
    }

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text.Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out value);
}
