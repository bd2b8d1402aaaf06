using System.Runtime.Intrinsics;

namespace Sipar.Modules.Sipas;

/// <summary>
/// The answers of many responses in the order of an <see cref="IndexStructure"/>'s item codes, kept as one state per answer:
/// 0 not counted (not answered, "không trả lời" or out of scale), 1 valid and not satisfied, 2 satisfied. A million responses of
/// sixteen items are 16 MB.
/// </summary>
internal sealed class AnswerMatrix
{
    private byte[] states;

    public AnswerMatrix(int items, int capacity = 1024)
    {
        Items = items;
        Stride = Math.Max(1, (items + 15) / 16) * 16;
        states = new byte[Math.Max(1, capacity) * Stride];
    }

    public int Items { get; }

    /// <summary>Bytes per response: the items rounded up to 16, so the bootstrap adds a response's states 16 at a time (one vector).</summary>
    public int Stride { get; }

    public int Count { get; private set; }

    internal ReadOnlySpan<byte> States => states.AsSpan(0, Count * Stride);

    /// <summary>One response as stored: a character per item, '1'…'9' the level, '0' "không trả lời", anything else not answered.</summary>
    public void Add(ReadOnlySpan<char> answers, IndexRules rules)
    {
        var row = NextRow();
        for (var k = 0; k < Items && k < answers.Length; k++)
        {
            var c = answers[k];
            states[row + k] = c is >= '1' and <= '9' ? State(c - '0', rules) : c == '0' && rules.NoAnswerIsValid ? (byte)1 : (byte)0;
        }
    }

    /// <summary>One response as levels (0: not answered; negative: "không trả lời").</summary>
    public void Add(ReadOnlySpan<int> levels, IndexRules rules)
    {
        var row = NextRow();
        for (var k = 0; k < Items && k < levels.Length; k++)
        {
            var v = levels[k];
            states[row + k] = v > 0 ? State(v, rules) : v < 0 && rules.NoAnswerIsValid ? (byte)1 : (byte)0;
        }
    }

    private static byte State(int level, IndexRules rules) => level > rules.Levels ? (byte)0 : level >= rules.SatisfiedFrom ? (byte)2 : (byte)1;

    private int NextRow()
    {
        if ((Count + 1) * Stride > states.Length)
        {
            Array.Resize(ref states, Math.Max(states.Length * 2, (Count + 1) * Stride));
        }

        return Count++ * Stride;
    }

    /// <summary>The responses whose index passes <paramref name="keep"/>: a stratum's or a profile group's cell.</summary>
    public AnswerMatrix Where(Func<int, bool> keep)
    {
        var result = new AnswerMatrix(Items, Count);
        for (var r = 0; r < Count; r++)
        {
            if (keep(r))
            {
                var row = result.NextRow();
                states.AsSpan(r * Stride, Stride).CopyTo(result.states.AsSpan(row, Stride));
            }
        }

        return result;
    }
}

/// <summary>A value in percent with its interval and the number of responses behind it (null when nothing counted).</summary>
internal sealed record IndexValue(decimal? Value, decimal? Low, decimal? High, int N);

internal sealed record ItemIndex(string Code, IndexValue Index);

internal sealed record FactorIndex(string Code, IndexValue Index, IReadOnlyList<ItemIndex> Items);

internal sealed record AspectIndex(string Code, IndexValue Index, IReadOnlyList<FactorIndex> Factors);

internal sealed record SipasIndices(IndexValue Overall, IReadOnlyList<AspectIndex> Aspects, int Responses, bool Enough);

/// <summary>
/// The SIPAS indices (QĐ 1001/QĐ-BNV's default rules, all in <see cref="IndexRules"/>): item = share of valid answers at or above
/// the satisfied level; factor = weighted mean of its items; aspect = of its factors; overall = of the aspects. Items get Wilson
/// intervals; factors, aspects and the overall value a seeded percentile bootstrap over respondents. Past
/// <see cref="IndexRules.BootstrapCap"/> respondents each replicate draws that many and its spread is scaled by √(m/n)
/// (the m-out-of-n bootstrap), so a million responses cost what twenty thousand do (ADR 0017).
/// </summary>
internal static class SipasCalculator
{
    public static SipasIndices Compute(IndexStructure structure, AnswerMatrix answers, IndexRules rules)
    {
        var k = structure.ItemCodes.Count;
        if (answers.Items != k)
        {
            throw new ArgumentException("The answers do not have the structure's items.", nameof(answers));
        }

        var shape = Shape.Of(structure);
        var states = answers.States;
        var n = answers.Count;
        var sat = new long[k];
        var valid = new long[k];
        var factorN = new int[shape.FactorItems.Length];
        var aspectN = new int[shape.AspectFactors.Length];
        var overallN = 0;
        var factorHas = new bool[shape.FactorItems.Length];
        for (var r = 0; r < n; r++)
        {
            var row = states.Slice(r * answers.Stride, k);
            for (var i = 0; i < k; i++)
            {
                var s = row[i];
                valid[i] += (s + 1) >> 1;
                sat[i] += s >> 1;
            }

            var any = false;
            for (var f = 0; f < shape.FactorItems.Length; f++)
            {
                factorHas[f] = false;
                foreach (var i in shape.FactorItems[f])
                {
                    if (row[i] != 0)
                    {
                        factorHas[f] = true;
                        factorN[f]++;
                        break;
                    }
                }
            }

            for (var a = 0; a < shape.AspectFactors.Length; a++)
            {
                foreach (var f in shape.AspectFactors[a])
                {
                    if (factorHas[f])
                    {
                        aspectN[a]++;
                        any = true;
                        break;
                    }
                }
            }

            overallN += any ? 1 : 0;
        }

        var point = shape.Evaluate(sat, valid);
        var (low, high) = Bootstrap(shape, states, n, k, answers.Stride, rules, point);
        var z = NormalQuantile(0.5 + (rules.Confidence / 2));
        var aspects = new List<AspectIndex>();
        for (var a = 0; a < shape.AspectFactors.Length; a++)
        {
            var factors = new List<FactorIndex>();
            foreach (var f in shape.AspectFactors[a])
            {
                var items = shape.FactorItems[f].Select(i => new ItemIndex(structure.ItemCodes[i], Wilson(sat[i], valid[i], z))).ToList();
                factors.Add(new FactorIndex(shape.FactorCodes[f], Value(point.Factors[f], low.Factors[f], high.Factors[f], factorN[f]), items));
            }

            aspects.Add(new AspectIndex(structure.Aspects[a].Code, Value(point.Aspects[a], low.Aspects[a], high.Aspects[a], aspectN[a]), factors));
        }

        return new SipasIndices(Value(point.Overall, low.Overall, high.Overall, overallN), aspects, n, overallN >= rules.MinCell);
    }

    /// <summary>The Wilson score interval of a share, in percent.</summary>
    public static IndexValue Wilson(long satisfied, long valid, double z)
    {
        if (valid == 0)
        {
            return new IndexValue(null, null, null, 0);
        }

        var p = (double)satisfied / valid;
        var z2n = z * z / valid;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = z * Math.Sqrt((p * (1 - p) / valid) + (z2n / (4 * valid))) / (1 + z2n);
        return new IndexValue(Percent(p), Percent(Math.Max(0, centre - half)), Percent(Math.Min(1, centre + half)), (int)valid);
    }

    /// <summary>The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p <= 0 || p >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p));
        }

        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        if (p > 1 - 0.02425)
        {
            return -NormalQuantile(1 - p);
        }

        var u = p - 0.5;
        var r = u * u;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * u / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static (Point Low, Point High) Bootstrap(Shape shape, ReadOnlySpan<byte> states, int n, int k, int stride, IndexRules rules, Point point)
    {
        var low = Point.Empty(shape);
        var high = Point.Empty(shape);
        var replicates = rules.BootstrapReplicates;
        if (n < 2 || replicates < 10)
        {
            return (low, high);
        }

        var m = Math.Min(n, Math.Max(2, rules.BootstrapCap));
        var scale = Math.Sqrt((double)m / n);
        var results = new Point[replicates];
        var copy = states.ToArray();
        Parallel.For(0, replicates, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var rng = new SplitMix64(unchecked(rules.Seed * 1_000_003 + b));
            var sat = new long[stride];
            var valid = new long[stride];
            var chunks = stride / 16;
            var one = Vector128.Create((byte)1);
            Span<Vector128<byte>> v = stackalloc Vector128<byte>[chunks];
            Span<Vector128<byte>> s = stackalloc Vector128<byte>[chunks];
            var pending = 0;
            for (var j = 0; j < m; j++)
            {
                var row = (int)rng.Below((ulong)n) * stride;
                for (var c = 0; c < chunks; c++)
                {
                    var x = Vector128.Create(copy, row + (c * 16));
                    v[c] += Vector128.ShiftRightLogical(x + one, 1);
                    s[c] += Vector128.ShiftRightLogical(x, 1);
                }

                // Byte lanes hold at most 255: spill into the totals before they could overflow.
                if (++pending == 255 || j == m - 1)
                {
                    for (var c = 0; c < chunks; c++)
                    {
                        for (var i = 0; i < 16; i++)
                        {
                            valid[(c * 16) + i] += v[c][i];
                            sat[(c * 16) + i] += s[c][i];
                        }

                        v[c] = Vector128<byte>.Zero;
                        s[c] = Vector128<byte>.Zero;
                    }

                    pending = 0;
                }
            }

            results[b] = shape.Evaluate(sat, valid);
        });

        var alpha = (1 - rules.Confidence) / 2;
        (double?, double?) Interval(double? centre, Func<Point, double?> pick)
        {
            if (centre is null)
            {
                return (null, null);
            }

            var values = results.Select(pick).Where(v => v is not null).Select(v => v!.Value).ToArray();
            if (values.Length < 10)
            {
                return (null, null);
            }

            Array.Sort(values);
            var lo = centre.Value + ((Quantile(values, alpha) - centre.Value) * scale);
            var hi = centre.Value + ((Quantile(values, 1 - alpha) - centre.Value) * scale);
            return (Math.Clamp(lo, 0, 1), Math.Clamp(hi, 0, 1));
        }

        for (var f = 0; f < shape.FactorItems.Length; f++)
        {
            (low.Factors[f], high.Factors[f]) = Interval(point.Factors[f], p => p.Factors[f]);
        }

        for (var a = 0; a < shape.AspectFactors.Length; a++)
        {
            (low.Aspects[a], high.Aspects[a]) = Interval(point.Aspects[a], p => p.Aspects[a]);
        }

        (low.Overall, high.Overall) = Interval(point.Overall, p => p.Overall);
        return (low, high);
    }

    private static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }

    private static IndexValue Value(double? value, double? low, double? high, int n) =>
        new(value is null ? null : Percent(value.Value), low is null ? null : Percent(low.Value), high is null ? null : Percent(high.Value), n);

    private static decimal Percent(double share) => Math.Round((decimal)share * 100m, 2, MidpointRounding.AwayFromZero);

    /// <summary>Index arithmetic over item counts: indices of items per factor, factors per aspect, weights.</summary>
    private sealed class Shape
    {
        public required int[][] FactorItems { get; init; }

        public required int[][] AspectFactors { get; init; }

        public required string[] FactorCodes { get; init; }

        public required double[] FactorWeights { get; init; }

        public required double[] AspectWeights { get; init; }

        public static Shape Of(IndexStructure structure)
        {
            var items = new List<int[]>();
            var aspects = new List<int[]>();
            var codes = new List<string>();
            var weights = new List<double>();
            var next = 0;
            foreach (var a in structure.Aspects)
            {
                var mine = new List<int>();
                foreach (var f in a.Factors)
                {
                    mine.Add(items.Count);
                    items.Add([.. Enumerable.Range(next, f.Items.Count)]);
                    codes.Add(f.Code);
                    weights.Add((double)f.Weight);
                    next += f.Items.Count;
                }

                aspects.Add([.. mine]);
            }

            return new Shape
            {
                FactorItems = [.. items], AspectFactors = [.. aspects], FactorCodes = [.. codes], FactorWeights = [.. weights],
                AspectWeights = [.. structure.Aspects.Select(a => (double)a.Weight)],
            };
        }

        public Point Evaluate(long[] sat, long[] valid)
        {
            var p = Point.Empty(this);
            for (var f = 0; f < FactorItems.Length; f++)
            {
                double sum = 0;
                double count = 0;
                foreach (var i in FactorItems[f])
                {
                    if (valid[i] > 0)
                    {
                        sum += (double)sat[i] / valid[i];
                        count++;
                    }
                }

                p.Factors[f] = count > 0 ? sum / count : null;
            }

            for (var a = 0; a < AspectFactors.Length; a++)
            {
                p.Aspects[a] = Mean(AspectFactors[a].Select(f => (p.Factors[f], FactorWeights[f])));
            }

            p.Overall = Mean(Enumerable.Range(0, AspectFactors.Length).Select(a => (p.Aspects[a], AspectWeights[a])));
            return p;
        }

        private static double? Mean(IEnumerable<(double? Value, double Weight)> parts)
        {
            double sum = 0;
            double weights = 0;
            foreach (var (value, weight) in parts)
            {
                if (value is not null)
                {
                    sum += value.Value * weight;
                    weights += weight;
                }
            }

            return weights > 0 ? sum / weights : null;
        }
    }

    private sealed class Point
    {
        public required double?[] Factors { get; init; }

        public required double?[] Aspects { get; init; }

        public double? Overall { get; set; }

        public static Point Empty(Shape shape) => new() { Factors = new double?[shape.FactorItems.Length], Aspects = new double?[shape.AspectFactors.Length] };
    }
}

/// <summary>SplitMix64: a tiny, fast generator whose sequence for a seed is fixed forever, so a recorded seed redraws the same sample.</summary>
internal struct SplitMix64(long seed)
{
    private ulong state = unchecked((ulong)seed);

    public ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, bound) without modulo bias (Lemire's multiply-shift with rejection).</summary>
    public ulong Below(ulong bound)
    {
        while (true)
        {
            var x = Next();
            var product = Math.BigMul(x, bound, out var low);
            if (low >= (0UL - bound) % bound)
            {
                return product;
            }
        }
    }
}
