using System.Globalization;
using System.Text.Json;

namespace Sipar.Modules.ParIndex;

/// <summary>The frozen figures of a computed criterion: what it was computed from, when, and each record behind it.</summary>
internal sealed record IndicatorSnapshot(string Source, DateOnly AsOf, int OnTime, int Counted, decimal Percent, IReadOnlyList<DataSourceRow> Rows, string? Counts = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IndicatorSnapshot? FromJson(string? json) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<IndicatorSnapshot>(json, Json);

    /// <summary>Points by the criterion's rule: bands take the percentage, the others (proportional by default) the share.</summary>
    public decimal PointsFor(string? rule, decimal max) => RuleSyntax.KindOf(rule) switch
    {
        RuleKind.PercentBands => ParCalculator.RulePoints(rule, max, Percent),
        RuleKind.None => ParCalculator.RulePoints("proportional", max, Percent / 100m),
        _ => ParCalculator.RulePoints(rule, max, Percent / 100m),
    };
}

/// <summary>
/// Values of computed criteria: the registered <see cref="IParDataSource"/> for the criterion's code gives the rows
/// (reports, tasks…) and this takes the share of those counted that are on time.
/// </summary>
internal sealed class ComputedIndicators(IEnumerable<IParDataSource> sources)
{
    public async Task<IndicatorSnapshot> ComputeAsync(string source, Guid agencyId, int year, DateOnly asOf, CancellationToken ct)
    {
        var (name, qualifier) = ParDataSources.Split(source);
        var code = qualifier is null ? name : name + ":" + qualifier;
        var provider = sources.FirstOrDefault(s => s.Code == name) ?? throw new ArgumentOutOfRangeException(nameof(source), source, "No data source is registered for this code");
        var rows = qualifier is null ? await provider.RowsAsync(agencyId, year, asOf, ct)
            : provider is IQualifiedParDataSource qualified ? await qualified.RowsAsync(agencyId, year, asOf, qualifier, ct)
            : throw new ArgumentOutOfRangeException(nameof(source), source, "This data source takes no qualifier");
        var counted = rows.Count(r => r.OnTime is not null);
        var onTime = rows.Count(r => r.OnTime == true);
        var percent = counted == 0 ? 0 : Math.Round(onTime * 100m / counted, 2, MidpointRounding.AwayFromZero);
        return new IndicatorSnapshot(code, asOf, onTime, counted, percent, rows, provider.Counts);
    }
}
