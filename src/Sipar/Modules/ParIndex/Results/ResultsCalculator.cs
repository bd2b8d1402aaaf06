using Sipar.Modules.Organisation;

namespace Sipar.Modules.ParIndex;

/// <summary>One area, criterion or sub-criterion of one agency: points, index, and last year's figures through the code mapping.</summary>
internal sealed record ItemResult(
    string Code, string Name, CriterionLevel Level, decimal Points, decimal Max, decimal Index, decimal? PreviousPoints, decimal? PreviousMax, decimal? IndexChange,
    bool NotApplicable = false)
{
    /// <summary>Points lost: what is missing to the maximum, or the deduction taken.</summary>
    public decimal Lost => Max > 0 ? Max - Points : -Points;
}

/// <summary>
/// An agency's year: total, its own maximum (the framework's less the criteria that do not apply to it), index, class,
/// rank among agencies of its kind, and every item. <see cref="Scaled"/>: no survey was held, so the index is the
/// appraised points over the maximum without the survey part.
/// </summary>
internal sealed record Scorecard(
    Guid AgencyId, string Agency, AgencyKind Kind, decimal Total, decimal Max, decimal Index, string? Class, int Rank, decimal? PreviousIndex,
    IReadOnlyList<ItemResult> Items, bool Scaled = false)
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

/// <summary>
/// What one year's computation needs: the frameworks, the points given per agency and code, and per agency what its
/// year was measured on when that is not the framework as it stands (<see cref="AgencyScope"/>); <see cref="SurveyHeld"/>
/// is the year's default.
/// </summary>
internal sealed record YearInput(
    IReadOnlyList<Framework> Frameworks, IReadOnlyDictionary<Guid, IReadOnlyDictionary<string, decimal>> Points,
    IReadOnlyDictionary<Guid, AgencyScope>? Scopes = null, bool SurveyHeld = true);

/// <summary>
/// An agency's year as a published table states it: the criteria that do not apply to it (their points leave its
/// maximum), or its own maximum when only that is published, and whether a survey was held for it.
/// </summary>
internal sealed record AgencyScope(IReadOnlySet<string> NotApplicable, decimal? Maximum, bool? SurveyHeld)
{
    public static AgencyScope None { get; } = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), null, null);
}

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

            var scope = current.Scopes?.GetValueOrDefault(id) ?? AgencyScope.None;
            var held = scope.SurveyHeld ?? surveyHeld;
            var (points, maxima) = tree.Evaluate(given, scope);
            Dictionary<string, (decimal Points, decimal Max)>? last = null;
            decimal? previousIndex = null;
            CodeMapping? mapping = null;
            if (previous is not null && previousTrees.TryGetValue(kind, out var before) && previous.Points.TryGetValue(id, out var lastGiven))
            {
                var lastScope = previous.Scopes?.GetValueOrDefault(id) ?? AgencyScope.None;
                var (lastPoints, lastMaxima) = before.Evaluate(lastGiven, lastScope);
                last = before.Ordered.Where(i => !lastScope.NotApplicable.Contains(i.Code))
                    .ToDictionary(i => i.Code, i => (lastPoints[i.Code], lastMaxima[i.Code]), StringComparer.OrdinalIgnoreCase);
                previousIndex = before.IndexOf(lastPoints, lastMaxima, lastScope, lastScope.SurveyHeld ?? previous.SurveyHeld);
                mapping = mappings[kind];
            }

            // Every item for the agency asked about (or all of them); areas are enough for the others' ranks.
            var shown = detailFor is null || detailFor == id ? tree.Ordered : tree.Areas;
            var items = new List<ItemResult>(shown.Count);
            foreach (var item in shown)
            {
                var p = points[item.Code];
                var max = maxima[item.Code];
                var notApplicable = tree.IsNotApplicable(item, scope);
                var index = ParCalculator.Index(p, max);
                var prev = last is null || notApplicable ? null : mapping!.Previous(item.Code, last);
                decimal? change = prev is { } v && max > 0 && v.Max > 0 ? index - ParCalculator.Index(v.Points, v.Max) : null;
                items.Add(new ItemResult(item.Code, item.Name, item.Level, p, max, index, prev?.Points, prev?.Max, change, notApplicable));
            }

            var total = tree.Areas.Sum(a => points[a.Code]);
            var agencyIndex = tree.IndexOf(points, maxima, scope, held);
            var scaled = !held && tree.SurveyMax(maxima) > 0;
            cards.Add(new Scorecard(id, name, kind, total, tree.MaximumOf(maxima, scope), agencyIndex, ParCalculator.ClassOf(agencyIndex, bands), 0, previousIndex, items, scaled));
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
        return new Tree(framework).Evaluate(given, AgencyScope.None).Points;
    }

    /// <summary>An agency's maximum under a framework once the criteria in <paramref name="scope"/> that do not apply leave it.</summary>
    public static decimal MaximumOf(Framework framework, AgencyScope scope)
    {
        var tree = new Tree(framework);
        var (_, maxima) = tree.Evaluate(new Dictionary<string, decimal>(), scope);
        return tree.MaximumOf(maxima, scope);
    }

    private sealed class Tree
    {
        private readonly Dictionary<Guid, List<FrameworkItem>> children = [];
        private readonly Dictionary<Guid, FrameworkItem> byId;
        private readonly List<FrameworkItem> surveyLeaves;

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
            byId = Ordered.ToDictionary(i => i.Id);
            surveyLeaves = Ordered.Where(i => i.Method == ScoringMethod.Survey && i.MaxPoints > 0 && !children.ContainsKey(i.Id)).ToList();
        }

        public Framework Framework { get; }

        public List<FrameworkItem> Ordered { get; }

        public List<FrameworkItem> Areas { get; }

        /// <summary>The survey part of the agency's maximum (survey items that apply to it).</summary>
        public decimal SurveyMax(Dictionary<string, decimal> maxima) => surveyLeaves.Sum(i => maxima[i.Code]);

        /// <summary>The agency's maximum: its own when the table states one, else the framework's less what does not apply.</summary>
        public decimal MaximumOf(Dictionary<string, decimal> maxima, AgencyScope scope) =>
            scope.Maximum ?? Framework.DeclaredTotal - Areas.Sum(a => Math.Max(a.MaxPoints, 0) - maxima[a.Code]);

        public decimal IndexOf(Dictionary<string, decimal> points, Dictionary<string, decimal> maxima, AgencyScope scope, bool surveyHeld)
        {
            var total = Areas.Sum(a => points[a.Code]);
            var max = MaximumOf(maxima, scope);
            var surveyMax = SurveyMax(maxima);
            return surveyHeld || surveyMax == 0
                ? ParCalculator.Index(total, max)
                : ParCalculator.IndexWithoutSurvey(total, max, surveyMax);
        }

        /// <summary>Whether the item, or one of its parents, is among the criteria that do not apply to the agency.</summary>
        public bool IsNotApplicable(FrameworkItem item, AgencyScope scope)
        {
            if (scope.NotApplicable.Count == 0)
            {
                return false;
            }

            for (FrameworkItem? i = item; i is not null; i = i.ParentId is { } p ? byId[p] : null)
            {
                if (scope.NotApplicable.Contains(i.Code))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Every item's points and its maximum for this agency (a criterion that does not apply has 0 of 0, and leaves its parents' maximum).</summary>
        public (Dictionary<string, decimal> Points, Dictionary<string, decimal> Maxima) Evaluate(IReadOnlyDictionary<string, decimal> given, AgencyScope scope)
        {
            var result = new Dictionary<string, decimal>(Ordered.Count, StringComparer.OrdinalIgnoreCase);
            var maxima = new Dictionary<string, decimal>(Ordered.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var area in Areas)
            {
                Points(area, given, scope, false, result, maxima);
            }

            return (result, maxima);
        }

        /// <summary>
        /// An item's points: the sum of its children when any positive child was given points, else the points given
        /// to the item itself; deductions below it always count; never below 0 nor above the maximum.
        /// </summary>
        private (decimal Points, bool Given) Points(
            FrameworkItem item, IReadOnlyDictionary<string, decimal> given, AgencyScope scope, bool excluded, Dictionary<string, decimal> result, Dictionary<string, decimal> maxima)
        {
            excluded |= scope.NotApplicable.Count > 0 && scope.NotApplicable.Contains(item.Code);
            var own = given.TryGetValue(item.Code, out var value);
            decimal points;
            if (!children.TryGetValue(item.Id, out var kids))
            {
                var leafMax = excluded ? 0 : item.MaxPoints;
                points = excluded ? 0 : item.MaxPoints < 0 ? Math.Min(value, 0) : Math.Clamp(value, 0, leafMax);
                result[item.Code] = points;
                maxima[item.Code] = leafMax;
                return (points, own && !excluded);
            }

            decimal positive = 0, deductions = 0;
            bool positiveGiven = false, anyGiven = false;
            decimal removed = 0;
            foreach (var child in kids)
            {
                var (p, g) = Points(child, given, scope, excluded, result, maxima);
                removed += child.MaxPoints > 0 ? child.MaxPoints - maxima[child.Code] : 0;
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

            var max = excluded ? 0 : Math.Max(item.MaxPoints - removed, 0);
            if (!positiveGiven)
            {
                positive = own && !excluded ? value : 0;
            }

            points = Math.Clamp(positive + deductions, 0, max);
            result[item.Code] = points;
            maxima[item.Code] = max;
            return (points, (own && !excluded) || anyGiven);
        }
    }
}
