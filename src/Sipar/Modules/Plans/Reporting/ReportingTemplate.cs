using System.Globalization;

namespace Sipar.Modules.Plans;

/// <summary>
/// One period of the reporting template: its data window (which may start in the previous year) and the province's
/// due day, as day and month. Dates are "dd/MM" as Vietnamese write them.
/// </summary>
internal sealed record PeriodRule(PeriodKind Kind, int StartDay, int StartMonth, bool StartsPreviousYear, int EndDay, int EndMonth, int DueDay, int DueMonth)
{
    public DateOnly WindowStart(int year) => new(StartsPreviousYear ? year - 1 : year, StartMonth, StartDay);

    public DateOnly WindowEnd(int year) => new(year, EndMonth, EndDay);

    public DateOnly Due(int year) => new(year, DueMonth, DueDay);
}

/// <summary>
/// Which reports a plan's year owes to the province and when: data, not code. The default is văn bản 581/BNV-CCHC —
/// quý I 15/12–14/03, 6 tháng 15/12–14/06, quý III 15/06–14/09, năm 15/12–14/12, each due on the 20th of its last
/// month. A province that sets other dates writes them in <c>Reporting:Periods</c>, one entry a period:
/// <c>{ "Kind": "Quarter1", "Window": "15/12-14/03", "Due": "20/03" }</c> (a window that starts after its end
/// starts in the previous year). A template that cannot be read stops the start with a message naming the entry.
/// </summary>
internal sealed class ReportingTemplate(IReadOnlyList<PeriodRule> periods)
{
    public IReadOnlyList<PeriodRule> Periods { get; } = periods;

    public static readonly ReportingTemplate Default = new(
    [
        new(PeriodKind.Quarter1, 15, 12, true, 14, 3, 20, 3),
        new(PeriodKind.HalfYear, 15, 12, true, 14, 6, 20, 6),
        new(PeriodKind.Quarter3, 15, 6, false, 14, 9, 20, 9),
        new(PeriodKind.Year, 15, 12, true, 14, 12, 20, 12),
    ]);

    public static ReportingTemplate From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = configuration.GetSection("Reporting:Periods").GetChildren().ToList();
        if (entries.Count == 0)
        {
            return Default;
        }

        return new ReportingTemplate(entries.Select((e, i) =>
        {
            var where = $"Reporting:Periods:{i}";
            if (!Enum.TryParse<PeriodKind>(e["Kind"], ignoreCase: true, out var kind))
            {
                throw new InvalidOperationException($"{where}: Kind must be one of {string.Join(", ", Enum.GetNames<PeriodKind>())}.");
            }

            var rule = Rule(kind, e["Window"], e["Due"]) ?? throw new InvalidOperationException($"{where}: Window must read \"dd/MM-dd/MM\" and Due \"dd/MM\".");
            if (rule.Due(2024) < rule.WindowEnd(2024))
            {
                throw new InvalidOperationException($"{where}: the due day comes before the end of the data window.");
            }

            return rule;
        }).ToList());
    }

    /// <summary>A period from "dd/MM-dd/MM" and "dd/MM"; a window that starts after its end starts in the previous year. Null when either cannot be read.</summary>
    public static PeriodRule? Rule(PeriodKind kind, string? windowText, string? dueText)
    {
        var window = (windowText ?? "").Split('-', StringSplitOptions.TrimEntries);
        if (window.Length != 2 || DayMonth(window[0]) is not { } start || DayMonth(window[1]) is not { } end || DayMonth(dueText) is not { } due)
        {
            return null;
        }

        var previousYear = (start.Month, start.Day).CompareTo((end.Month, end.Day)) > 0;
        return new PeriodRule(kind, start.Day, start.Month, previousYear, end.Day, end.Month, due.Day, due.Month);
    }

    /// <summary>The template written as a report type's schedule: <c>Quarter1 15/12-14/03 20/03; …</c>.</summary>
    public string ToSchedule() => string.Join("; ", Periods.Select(p =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Kind} {p.StartDay:00}/{p.StartMonth:00}-{p.EndDay:00}/{p.EndMonth:00} {p.DueDay:00}/{p.DueMonth:00}")));

    private static (int Day, int Month)? DayMonth(string? text) =>
        DateOnly.TryParseExact((text ?? "").Trim() + "/2024", "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? (d.Day, d.Month) : null;
}
