using System.Globalization;
using Sipar.Infrastructure.Errors;

namespace Sipar.Modules.ParIndex;

/// <summary>A problem in a framework file, with the row it is on (0: the whole file).</summary>
internal sealed record FrameworkError(int Row, string MessageKey, params object[] Args);

/// <summary>Checks a framework file: every error with its row, so the person who prepared it can fix it in one pass.</summary>
internal static class FrameworkValidator
{
    public const decimal DefaultTotal = 100m;

    public static IReadOnlyList<FrameworkError> Validate(FrameworkFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = file.FileErrors.Select(e => new FrameworkError(e.Args.Length > 0 && e.Args[0] is int r ? r : 0, e.MessageKey, e.Args.Length > 1 ? e.Args[1..] : e.Args)).ToList();
        if (file.Lines.Count == 0)
        {
            errors.Add(new FrameworkError(0, "Par.NoLines"));
            return errors;
        }

        var firstRow = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var duplicated = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in file.Lines)
        {
            if (line.Code.Length == 0)
            {
                errors.Add(new FrameworkError(line.Row, "Par.CodeMissing"));
                continue;
            }

            if (!firstRow.TryAdd(Normalise(line.Code), line.Row))
            {
                duplicated.Add(Normalise(line.Code));
                errors.Add(new FrameworkError(line.Row, "Par.DuplicateCode", line.Code, firstRow[Normalise(line.Code)]));
            }

            if (line.Level is null)
            {
                errors.Add(new FrameworkError(line.Row, "Par.UnknownLevel", line.RawLevel ?? ""));
            }
            else if (Depth(line.Code) != (int)line.Level + 1)
            {
                errors.Add(new FrameworkError(line.Row, "Par.LevelDepth", line.Code));
            }

            if (line.Name.Length == 0)
            {
                errors.Add(new FrameworkError(line.Row, "Par.NameMissing"));
            }

            if (line.MaxPoints is null)
            {
                errors.Add(new FrameworkError(line.Row, "Par.PointsNotNumber", line.RawPoints ?? ""));
            }
            else if (line.MaxPoints < 0 && !IsDeduction(line))
            {
                errors.Add(new FrameworkError(line.Row, "Par.NegativeNotDeduction"));
            }

            if (line.Method is null)
            {
                errors.Add(new FrameworkError(line.Row, "Par.UnknownMethod", line.RawMethod ?? ""));
            }

            if (!RuleSyntax.IsValid(line.Rule))
            {
                errors.Add(new FrameworkError(line.Row, "Par.UnknownRule", line.Rule ?? ""));
            }

            if (line.Source is { } source && (!ParDataSources.IsKnown(source) || line.Method != ScoringMethod.Computed))
            {
                errors.Add(new FrameworkError(line.Row, "Par.UnknownSource", source));
            }

            foreach (var (value, max, label) in new[]
                     {
                         (line.Code, FrameworkItem.CodeMaxLength, "Par.Code"), (line.Name, FrameworkItem.NameMaxLength, "Par.ItemName"),
                         (line.RuleText, FrameworkItem.RuleTextMaxLength, "Par.RuleText"), (line.Rule, FrameworkItem.RuleMaxLength, "Par.RuleFormula"),
                         (line.Evidence, FrameworkItem.EvidenceMaxLength, "Par.Evidence"), (line.PreviousCodes, FrameworkItem.PreviousCodesMaxLength, "Par.PreviousCodes"),
                     })
            {
                if (value?.Trim().Length > max)
                {
                    errors.Add(new FrameworkError(line.Row, "Par.CellTooLong", new LabelArg(label), max));
                }
            }

            if (line.PreviousCodes is { } previous && CodeMapping.Split(previous).Any(c => c.Length > 20 || c.Contains(' ', StringComparison.Ordinal)))
            {
                errors.Add(new FrameworkError(line.Row, "Par.PreviousCodesInvalid", previous));
            }
        }

        // A duplicated code is one mistake with one message: the sums and parents around it are not checked again,
        // since the line the author meant (usually the next code) is unknown and every such check would repeat it.
        var byCode = file.Lines.Where(l => l.Code.Length > 0).GroupBy(l => Normalise(l.Code)).ToDictionary(g => g.Key, g => g.First());
        bool Near(string code) => duplicated.Any(d => code.StartsWith(d + ".", StringComparison.OrdinalIgnoreCase) || d.StartsWith(code + ".", StringComparison.OrdinalIgnoreCase));
        foreach (var line in file.Lines.Where(l => Depth(l.Code) > 1 && !Near(Normalise(l.Code))))
        {
            var parent = Normalise(line.Code)[..Normalise(line.Code).LastIndexOf('.')];
            if (!byCode.ContainsKey(parent))
            {
                errors.Add(new FrameworkError(line.Row, "Par.ParentMissing", line.Code, parent));
            }
        }

        foreach (var parent in byCode.Values.Where(p => p.MaxPoints is not null && !Near(Normalise(p.Code))))
        {
            var prefix = Normalise(parent.Code) + ".";
            var children = byCode.Values.Where(c => Normalise(c.Code).StartsWith(prefix, StringComparison.Ordinal) && Depth(c.Code) == Depth(parent.Code) + 1).ToList();
            if (children.Count == 0 || children.Any(c => c.MaxPoints is null))
            {
                continue;
            }

            var sum = children.Where(c => !IsDeduction(c)).Sum(c => c.MaxPoints!.Value);
            if (sum != parent.MaxPoints)
            {
                errors.Add(new FrameworkError(parent.Row, "Par.ChildrenSum", parent.Code, F(parent.MaxPoints!.Value), F(sum),
                    string.Join(", ", children.OrderBy(c => c.Row).Select(c => c.Row.ToString(CultureInfo.InvariantCulture)))));
            }
        }

        var areas = byCode.Values.Where(l => l.Level == CriterionLevel.Area && l.MaxPoints is not null).ToList();
        var total = areas.Sum(a => a.MaxPoints!.Value);
        var declared = file.DeclaredTotal ?? DefaultTotal;
        if (areas.Count > 0 && total != declared && !areas.Any(a => duplicated.Contains(Normalise(a.Code))))
        {
            errors.Add(new FrameworkError(0, "Par.TotalMismatch", F(total), F(declared)));
        }

        return errors.OrderBy(e => e.Row).ToList();
    }

    internal static bool IsDeduction(FrameworkLine line) => RuleSyntax.KindOf(line.Rule) == RuleKind.Deduction;

    private static string Normalise(string code) => code.Trim().TrimEnd('.');

    private static int Depth(string code) => Normalise(code).Split('.').Length;

    private static string F(decimal d) => d.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
}
