using System.Globalization;
using System.Text.RegularExpressions;
using Sipar.Infrastructure.Errors;
using Sipar.Infrastructure.Localization;
using Sipar.Modules.Calendar;

namespace Sipar.Modules.Plans;

/// <summary>One period of a report type in a year: its data window and the due date to the recipient.</summary>
internal sealed record PeriodSlot(PeriodKind Kind, DateOnly WindowStart, DateOnly WindowEnd, DateOnly Due);

/// <summary>How a due date follows from a period, read from words such as "ngày 20 tháng cuối kỳ".</summary>
internal abstract record DueRule
{
    /// <summary>"ngày 20 tháng cuối kỳ" (or "20"): that day of the period's last month, the month's last day when shorter.</summary>
    internal sealed record DayOfLastMonth(int Day) : DueRule;

    /// <summary>"15/12" (or "15/12 hằng năm"): that day of the plan's year; only for a type with one period a year.</summary>
    internal sealed record FixedDate(int Day, int Month) : DueRule;

    /// <summary>"5 ngày làm việc sau kỳ": working days after the end of the data window.</summary>
    internal sealed record WorkingDaysAfter(int Days) : DueRule;

    /// <summary>"10 ngày sau kỳ": calendar days after the end of the data window.</summary>
    internal sealed record DaysAfter(int Days) : DueRule;
}

/// <summary>
/// The periods of a report type in a year and their due dates. A period's data window is its calendar months, or,
/// with a cut-off day, from the day after the cut-off a period earlier to the cut-off day of its last month (the CCHC
/// report's 15/12–14/03). The internal due date, when units owe their part, counts back from the due date: "5 ngày làm
/// việc trước hạn" by default, on the agency's working-day calendar (Tết, make-up Saturdays).
/// </summary>
internal static partial class ReportSchedule
{
    public const int DefaultLeadWorkingDays = 5;

    /// <summary>The periods before working days are counted: a due date "after the period" is the window's end here.</summary>
    private static List<PeriodSlot> RawSlots(ReportType type, int year)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Schedule.Length > 0)
        {
            return ParseSchedule(type.Schedule).Select(p => new PeriodSlot(p.Kind, p.WindowStart(year), p.WindowEnd(year), p.Due(year))).ToList();
        }

        var due = ParseDue(type.DueRule) ?? throw new DomainValidationException(nameof(ReportType.DueRule), "ReportType.DueRuleUnreadable", type.DueRule);
        return Spans(type.Periodicity).Select(s =>
        {
            var (start, end) = Window(year, s.FirstMonth, s.LastMonth, type.CutOffDay);
            return new PeriodSlot(s.Kind, start, end, DueOf(due, year, end));
        }).ToList();
    }

    /// <summary>The internal due date for a due date, by the type's rule.</summary>
    public static DateOnly InternalDue(ReportType type, DateOnly due, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(calendar);
        var (days, working) = ParseInternal(type.InternalRule) ?? throw new DomainValidationException(nameof(ReportType.InternalRule), "ReportType.InternalRuleUnreadable", type.InternalRule);
        return working ? calendar.SubtractWorkingDays(due, days) : due.AddDays(-days);
    }

    /// <summary>Reads every rule of the type and computes one year's periods; throws with the field named when one cannot be read or a window ends after its due date.</summary>
    public static void Check(ReportType type, int year)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (ParseInternal(type.InternalRule) is null)
        {
            throw new DomainValidationException(nameof(ReportType.InternalRule), "ReportType.InternalRuleUnreadable", type.InternalRule);
        }

        if (type.Schedule.Length > 0)
        {
            _ = ParseSchedule(type.Schedule);
            return;
        }

        if (type.Periodicity == Periodicity.OnRequest && type.DueRule.Length == 0)
        {
            return;
        }

        var due = ParseDue(type.DueRule) ?? throw new DomainValidationException(nameof(ReportType.DueRule), "ReportType.DueRuleUnreadable", type.DueRule);
        if (due is DueRule.FixedDate && Spans(type.Periodicity).Count > 1)
        {
            throw new DomainValidationException(nameof(ReportType.DueRule), "ReportType.FixedDueNeedsOnePeriod");
        }

        foreach (var slot in RawSlots(type, year))
        {
            if (slot.WindowEnd > slot.Due)
            {
                throw new DomainValidationException(nameof(ReportType.DueRule), "ReportType.WindowAfterDue", new LabelArg("PeriodKind." + slot.Kind), Show.Date(slot.WindowEnd)!, Show.Date(slot.Due)!);
            }
        }
    }

    public static DueRule? ParseDue(string? text)
    {
        var t = VietnameseText.Fold(text);
        if (DayOfMonthPattern().Match(t) is { Success: true } m && Number(m.Groups[1]) is >= 1 and <= 31 and var day)
        {
            return new DueRule.DayOfLastMonth(day);
        }

        if (FixedPattern().Match(t) is { Success: true } f
            && DateOnly.TryParseExact($"{Number(f.Groups[1]):00}/{Number(f.Groups[2]):00}/2024", "dd/MM/yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return new DueRule.FixedDate(d.Day, d.Month);
        }

        if (AfterPattern().Match(t) is { Success: true } a && Number(a.Groups[1]) is >= 0 and <= 120 and var n)
        {
            return a.Groups[2].Success ? new DueRule.WorkingDaysAfter(n) : new DueRule.DaysAfter(n);
        }

        return null;
    }

    /// <summary>"5 ngày làm việc trước hạn" → (5, working); "3 ngày trước hạn" → (3, calendar); "trùng hạn" or "0" → (0, working); empty → the default five working days.</summary>
    public static (int Days, bool Working)? ParseInternal(string? text)
    {
        var t = VietnameseText.Fold(text);
        if (t.Length == 0)
        {
            return (DefaultLeadWorkingDays, true);
        }

        if (t is "0" or "trung han" or "dung han")
        {
            return (0, true);
        }

        return BeforePattern().Match(t) is { Success: true } m && Number(m.Groups[1]) is >= 0 and <= 60 and var n ? (n, m.Groups[2].Success) : null;
    }

    /// <summary>Reads written-out periods, one a line or separated by ";": <c>Quarter1 15/12-14/03 20/03</c>.</summary>
    public static IReadOnlyList<PeriodRule> ParseSchedule(string text)
    {
        var entries = (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rules = new List<PeriodRule>();
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var parts = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 3 || !Enum.TryParse<PeriodKind>(parts[0], ignoreCase: true, out var kind) || int.TryParse(parts[0], out _)
                || ReportingTemplate.Rule(kind, parts[1], parts[2]) is not { } rule)
            {
                throw new DomainValidationException(nameof(ReportType.Schedule), "ReportType.ScheduleUnreadable", i + 1);
            }

            if (rule.Due(2024) < rule.WindowEnd(2024))
            {
                throw new DomainValidationException(nameof(ReportType.Schedule), "ReportType.WindowAfterDue", new LabelArg("PeriodKind." + kind), parts[1].Split('-')[^1], parts[2]);
            }

            if (rules.Exists(r => r.Kind == kind))
            {
                throw new DomainValidationException(nameof(ReportType.Schedule), "ReportType.ScheduleUnreadable", i + 1);
            }

            rules.Add(rule);
        }

        return rules.Count == 0 ? throw new DomainValidationException(nameof(ReportType.Schedule), "ReportType.ScheduleUnreadable", 1) : rules;
    }

    /// <summary>The periods of a periodicity as (kind, first month, last month); the six-monthly pair and the year are cumulative, as Vietnamese reports are.</summary>
    public static IReadOnlyList<(PeriodKind Kind, int FirstMonth, int LastMonth)> Spans(Periodicity periodicity) => periodicity switch
    {
        Periodicity.Monthly => Enumerable.Range(1, 12).Select(m => (PeriodKind.Month1 + (m - 1), m, m)).ToList(),
        Periodicity.Quarterly => [(PeriodKind.Quarter1, 1, 3), (PeriodKind.Quarter2, 4, 6), (PeriodKind.Quarter3, 7, 9), (PeriodKind.Quarter4, 10, 12)],
        Periodicity.SixMonthly => [(PeriodKind.HalfYear, 1, 6), (PeriodKind.Year, 1, 12)],
        Periodicity.NineMonthly => [(PeriodKind.NineMonths, 1, 9)],
        Periodicity.Yearly => [(PeriodKind.Year, 1, 12)],
        Periodicity.Once => [(PeriodKind.Once, 1, 12)],
        _ => [],
    };

    private static (DateOnly Start, DateOnly End) Window(int year, int firstMonth, int lastMonth, int? cutOff)
    {
        if (cutOff is not { } c)
        {
            return (new DateOnly(year, firstMonth, 1), new DateOnly(year, lastMonth, DateTime.DaysInMonth(year, lastMonth)));
        }

        var before = new DateOnly(year, firstMonth, 1).AddMonths(-1);
        return (new DateOnly(before.Year, before.Month, c).AddDays(1), new DateOnly(year, lastMonth, c));
    }

    private static DateOnly DueOf(DueRule rule, int year, DateOnly windowEnd) => rule switch
    {
        DueRule.DayOfLastMonth d => new DateOnly(windowEnd.Year, windowEnd.Month, Math.Min(d.Day, DateTime.DaysInMonth(windowEnd.Year, windowEnd.Month))),
        DueRule.FixedDate f => new DateOnly(year, f.Month, Math.Min(f.Day, DateTime.DaysInMonth(year, f.Month))),
        DueRule.DaysAfter a => windowEnd.AddDays(a.Days),
        _ => windowEnd,
    };

    /// <summary>The periods of <paramref name="type"/> in <paramref name="year"/> (none for a type owed on request), due dates on the calendar.</summary>
    public static IReadOnlyList<PeriodSlot> SlotsFor(ReportType type, int year, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (type.Periodicity == Periodicity.OnRequest && type.Schedule.Length == 0)
        {
            return [];
        }

        var slots = RawSlots(type, year);
        return ParseDue(type.DueRule) is DueRule.WorkingDaysAfter w && type.Schedule.Length == 0
            ? slots.Select(s => s with { Due = calendar.AddWorkingDays(s.WindowEnd, w.Days) }).ToList()
            : slots;
    }

    private static int Number(Group g) => int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    [GeneratedRegex(@"^(?:ngay )?(\d{1,2})(?: (?:cua )?thang cuoi (?:ky|quy|nam))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DayOfMonthPattern();

    [GeneratedRegex(@"^(?:ngay )?(\d{1,2})/(\d{1,2})(?: (?:hang|moi) nam)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FixedPattern();

    [GeneratedRegex(@"^(\d{1,3}) ngay( lam viec)? (?:sau|ke tu) (?:ky|khi het ky|ngay cuoi ky|ngay ket thuc ky)$", RegexOptions.CultureInvariant)]
    private static partial Regex AfterPattern();

    [GeneratedRegex(@"^(\d{1,2}) ngay( lam viec)? truoc(?: han| han gui| han bao cao)?$", RegexOptions.CultureInvariant)]
    private static partial Regex BeforePattern();
}
