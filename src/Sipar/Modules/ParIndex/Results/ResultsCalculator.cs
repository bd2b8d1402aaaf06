using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>One area, criterion or sub-criterion of one agency: points, index, and last year's figures through the code mapping.</summary>
internal sealed record ItemResult(
    string Code, string Name, CriterionLevel Level, decimal Points, decimal Max, decimal Index, decimal? PreviousPoints, decimal? PreviousMax, decimal? IndexChange)
{
    /// <summary>Points lost: what is missing to the maximum, or the deduction taken.</summary>
    public decimal Lost => Max > 0 ? Max - Points : -Points;
}

/// <summary>An agency's year: total, index, class, rank among agencies of its kind, and every item.</summary>
internal sealed record Scorecard(
    Guid AgencyId, string Agency, AgencyKind Kind, decimal Total, decimal Max, decimal Index, string? Class, int Rank, decimal? PreviousIndex,
    IReadOnlyList<ItemResult> Items)
{
    public IEnumerable<ItemResult> Areas => Items.Where(i => i.Level == CriterionLevel.Area);
}

/// <summary>The gap list the plan asks for: where points were lost, what did not improve, what is at maximum and must be kept.</summary>
internal sealed record GapList(IReadOnlyList<ItemResult> Lost, IReadOnlyList<ItemResult> NotImproved, IReadOnlyList<ItemResult> AtMax)
{
    public static GapList Of(Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var criteria = card.Items.Where(i => i.Level == CriterionLevel.Criterion).ToList();
        return new GapList(
            criteria.Where(i => i.Lost > 0).OrderByDescending(i => i.Lost).ThenBy(i => i.Code, StringComparer.Ordinal).ToList(),
            criteria.Where(i => i.IndexChange is <= 0 && i.Lost > 0).OrderBy(i => i.IndexChange).ThenBy(i => i.Code, StringComparer.Ordinal).ToList(),
            criteria.Where(i => i.Max > 0 && i.Points >= i.Max).ToList());
    }
}

/// <summary>What one year's computation needs: the frameworks, the agencies and the points given per agency and code.</summary>
internal sealed record YearInput(
    IReadOnlyList<Framework> Frameworks, IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, decimal>> Points);

/// <summary>
/// Computes results, ranks and year-over-year changes in memory (no database), so it can be measured and tested alone.
/// Points given at the deepest level count; a parent is the sum of its children, deductions included, never below 0
/// nor above its maximum.
/// </summary>
internal static class ResultsCalculator
{
    public static IReadOnlyList<Scorecard> Compute(
        IReadOnlyList<(Guid Id, string Name, AgencyKind Kind)> agencies, YearInput current, YearInput? previous,
        IReadOnlyList<(decimal Min, string Label)> bands, bool surveyHeld, Guid? detailFor = null)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(current);
        var trees = current.Frameworks.ToDictionary(f => f.AgencyKind, f => new Tree(f));
        var previousTrees = previous?.Frameworks.ToDictionary(f => f.AgencyKind, f => new Tree(f)) ?? [];
        var mappings = trees.Where(t => previousTrees.ContainsKey(t.Key)).ToDictionary(
            t => t.Key, t => new CodeMapping(t.Value.Framework.Items, t.Value.Framework.PreviousFrameworkId == previousTrees[t.Key].Framework.Id));
        var cards = new List<Scorecard>();
        foreach (var (id, name, kind) in agencies)
        {
            if (!trees.TryGetValue(kind, out var tree) || !current.Points.TryGetValue(id, out var given))
            {
                continue;
            }

            var points = tree.Evaluate(given);
            Dictionary<string, (decimal Points, decimal Max)>? last = null;
            decimal? previousIndex = null;
            CodeMapping? mapping = null;
            if (previous is not null && previousTrees.TryGetValue(kind, out var before) && previous.Points.TryGetValue(id, out var lastGiven))
            {
                var lastPoints = before.Evaluate(lastGiven);
                last = before.Ordered.ToDictionary(i => i.Code, i => (lastPoints[i.Code], i.MaxPoints), StringComparer.OrdinalIgnoreCase);
                previousIndex = before.IndexOf(lastPoints, surveyHeld: true);
                mapping = mappings[kind];
            }

            // Every item for the agency asked about (or all of them); areas are enough for the others' ranks.
            var shown = detailFor is null || detailFor == id ? tree.Ordered : tree.Areas;
            var items = new List<ItemResult>(shown.Count);
            foreach (var item in shown)
            {
                var p = points[item.Code];
                var index = ParCalculator.Index(p, item.MaxPoints);
                var prev = last is null ? null : mapping!.Previous(item.Code, last);
                decimal? change = prev is { } v && item.MaxPoints > 0 ? index - ParCalculator.Index(v.Points, v.Max) : null;
                items.Add(new ItemResult(item.Code, item.Name, item.Level, p, item.MaxPoints, index, prev?.Points, prev?.Max, change));
            }

            var total = tree.Areas.Sum(a => points[a.Code]);
            var agencyIndex = tree.IndexOf(points, surveyHeld);
            cards.Add(new Scorecard(id, name, kind, total, tree.Framework.DeclaredTotal, agencyIndex, ParCalculator.ClassOf(agencyIndex, bands), 0, previousIndex, items));
        }

        var ranked = new List<Scorecard>(cards.Count);
        foreach (var group in cards.GroupBy(c => c.Kind))
        {
            var list = group.ToList();
            var ranks = ParCalculator.Ranks(list.Select(c => c.Index).ToList());
            ranked.AddRange(list.Select((c, i) => c with { Rank = ranks[i] }));
        }

        return ranked.OrderBy(c => c.Kind).ThenBy(c => c.Rank).ThenBy(c => c.Agency, StringComparer.Ordinal).ToList();
    }

    /// <summary>Every item's points (parents from their children, deductions, floors and caps) for points given to some items.</summary>
    public static IReadOnlyDictionary<string, decimal> ItemPoints(Framework framework, IReadOnlyDictionary<string, decimal> given)
    {
        ArgumentNullException.ThrowIfNull(framework);
        return new Tree(framework).Evaluate(given);
    }

    private sealed class Tree
    {
        private readonly Dictionary<Guid, List<FrameworkItem>> children = [];
        private readonly decimal surveyMax;

        public Tree(Framework framework)
        {
            Framework = framework;
            Ordered = framework.Items.OrderBy(i => i.Order).ToList();
            foreach (var item in Ordered.Where(i => i.ParentId is not null))
            {
                if (!children.TryGetValue(item.ParentId!.Value, out var list))
                {
                    children[item.ParentId.Value] = list = [];
                }

                list.Add(item);
            }

            Areas = Ordered.Where(i => i.ParentId is null).ToList();
            surveyMax = Ordered.Where(i => i.Method == ScoringMethod.Survey && i.MaxPoints > 0 && !children.ContainsKey(i.Id)).Sum(i => i.MaxPoints);
        }

        public Framework Framework { get; }

        public List<FrameworkItem> Ordered { get; }

        public List<FrameworkItem> Areas { get; }

        public decimal IndexOf(Dictionary<string, decimal> points, bool surveyHeld)
        {
            var total = Areas.Sum(a => points[a.Code]);
            return surveyHeld || surveyMax == 0
                ? ParCalculator.Index(total, Framework.DeclaredTotal)
                : ParCalculator.IndexWithoutSurvey(total, Framework.DeclaredTotal, surveyMax);
        }

        public Dictionary<string, decimal> Evaluate(IReadOnlyDictionary<string, decimal> given)
        {
            var result = new Dictionary<string, decimal>(Ordered.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var area in Areas)
            {
                Points(area, given, result);
            }

            return result;
        }

        /// <summary>
        /// An item's points: the sum of its children when any positive child was given points, else the points given
        /// to the item itself; deductions below it always count; never below 0 nor above the maximum.
        /// </summary>
        private (decimal Points, bool Given) Points(FrameworkItem item, IReadOnlyDictionary<string, decimal> given, Dictionary<string, decimal> result)
        {
            var own = given.TryGetValue(item.Code, out var value);
            decimal points;
            if (!children.TryGetValue(item.Id, out var kids))
            {
                points = item.MaxPoints < 0 ? Math.Min(value, 0) : Math.Clamp(value, 0, item.MaxPoints);
                result[item.Code] = points;
                return (points, own);
            }

            decimal positive = 0, deductions = 0;
            bool positiveGiven = false, anyGiven = false;
            foreach (var child in kids)
            {
                var (p, g) = Points(child, given, result);
                anyGiven |= g;
                if (child.MaxPoints < 0)
                {
                    deductions += p;
                }
                else
                {
                    positive += p;
                    positiveGiven |= g;
                }
            }

            if (!positiveGiven)
            {
                positive = own ? value : 0;
            }

            points = Math.Clamp(positive + deductions, 0, Math.Max(item.MaxPoints, 0));
            result[item.Code] = points;
            return (points, own || anyGiven);
        }
    }
}
