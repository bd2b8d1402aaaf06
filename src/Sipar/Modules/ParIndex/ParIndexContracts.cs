namespace Sipar.Modules.ParIndex;

// The PAR INDEX module's contract (ADR 0014): the plug-in point for computed criteria. A module that holds the
// data a criterion measures (Plans today; one-stop dossiers, SIPAS and feedback next) registers an IParDataSource in
// its AddX; PAR INDEX finds it by code, keeps its rows as the frozen snapshot and drill-down, and never reads the
// other module's tables.

/// <summary>One record behind a computed criterion's value: what it is, the detail shown, and whether it counted as met (null: not counted yet).</summary>
public sealed record DataSourceRow(string Label, string Detail, bool? OnTime);

/// <summary>A source of values for computed PAR INDEX criteria: the share of its rows that are on time.</summary>
public interface IParDataSource
{
    /// <summary>The code a framework names in its "Nguồn dữ liệu" column (<see cref="ParDataSources"/>).</summary>
    string Code { get; }

    /// <summary>What it counts, in Vietnamese, for the self-assessment report ("báo cáo đúng hạn").</summary>
    string Counts { get; }

    /// <summary>The rows for an agency and a year as of a day (what is due by then, and what was done early).</summary>
    Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, CancellationToken ct);
}

/// <summary>
/// A source whose rows come in kinds a framework may name after a colon: <c>unit-reports-on-time:cds</c> counts only the
/// reports of the type coded CDS.
/// </summary>
public interface IQualifiedParDataSource : IParDataSource
{
    /// <summary>The rows of one kind (<paramref name="qualifier"/>, lower case).</summary>
    Task<IReadOnlyList<DataSourceRow>> RowsAsync(Guid agencyId, int year, DateOnly asOf, string qualifier, CancellationToken ct);
}

/// <summary>The codes frameworks may name; each has one <see cref="IParDataSource"/> registered by the module that holds the data.</summary>
public static class ParDataSources
{
    /// <summary>Share of unit reports submitted by their internal due date (Plans).</summary>
    public const string UnitReportsOnTime = "unit-reports-on-time";

    /// <summary>Share of plan tasks completed by their deadline (Plans).</summary>
    public const string PlanTasksOnTime = "plan-tasks-on-time";

    /// <summary>Share of one-stop dossiers finished by their appointment date (Dossiers).</summary>
    public const string DossiersOnTime = "dossiers-on-time";

    /// <summary>Share of feedback in scope answered by its deadline, QĐ 766 (Feedback).</summary>
    public const string FeedbackOnTime = "feedback-on-time";

    /// <summary>QĐ 766 feedback satisfaction: share of feedback in scope neither rated unsatisfied nor late (Feedback).</summary>
    public const string FeedbackSatisfaction = "feedback-satisfaction";

    public static readonly IReadOnlyList<string> All = [UnitReportsOnTime, PlanTasksOnTime, DossiersOnTime, FeedbackOnTime, FeedbackSatisfaction];

    /// <summary>The codes whose rows a framework may narrow after a colon (<see cref="IQualifiedParDataSource"/>).</summary>
    public static readonly IReadOnlyList<string> Qualified = [UnitReportsOnTime];

    public static bool IsKnown(string? source)
    {
        var (code, qualifier) = Split(source);
        return All.Contains(code) && (qualifier is null || (Qualified.Contains(code) && qualifier.Length is > 0 and <= 20));
    }

    /// <summary>"unit-reports-on-time:CDS" → ("unit-reports-on-time", "cds"); no colon, no qualifier.</summary>
    public static (string Code, string? Qualifier) Split(string? source)
    {
        var text = (source ?? "").Trim().ToLowerInvariant();
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text, null) : (text[..colon].Trim(), text[(colon + 1)..].Trim());
    }
}

/// <summary>One index of a survey wave: the overall value ("overall"), an aspect, a factor or an item by its code, in percent.</summary>
public sealed record SurveyIndexValue(string Code, string Name, decimal? Value, decimal? Low, decimal? High, int Responses, bool Enough);

/// <summary>A survey wave's indices as PAR INDEX takes them for its survey-scored criteria.</summary>
public sealed record SurveyWaveIndices(Guid WaveId, string Name, DateOnly PeriodFrom, DateOnly PeriodTo, IReadOnlyList<SurveyIndexValue> Indices);

/// <summary>The plug-in through which PAR INDEX reads survey results (SIPAS registers it): an agency's latest finished wave of a year.</summary>
public interface ISurveyIndexSource
{
    /// <summary>The agency's latest closed or published wave whose period ends in <paramref name="year"/>; null when none.</summary>
    Task<SurveyWaveIndices?> LatestAsync(Guid agencyId, int year, CancellationToken ct);
}
